import Testing

@testable import SluiceWatch

/// The watcher's settle and rename decisions driven with plain values: no folders, no inotify, no clock.
struct WatchSessionStateMachineTests {
    typealias Machine = WatchSession.StateMachine
    let t0 = ContinuousClock.now
    let delay = Duration.seconds(2)

    func key(_ name: String) -> ObjectKey { ObjectKey(bucket: "b", key: name) }

    func identity(_ inode: UInt64, size: Int = 10) -> FileIdentity {
        FileIdentity(inode: inode, size: size, modifiedNanoseconds: 1_000)
    }

    func sighting(_ name: String, inode: UInt64 = 1, size: Int = 10, isLink: Bool = false) -> WatchSession.Sighting {
        WatchSession.Sighting(
            key: key(name),
            path: "/r/b/" + name,
            bucketRoot: "/r/b",
            identity: identity(inode, size: size),
            isLink: isLink
        )
    }

    func created(_ name: String, _ reason: ObjectEvent.Reason, _ origin: WatchSession.Origin) -> WatchSession.Candidate
    {
        .created(key(name), path: "/r/b/" + name, bucketRoot: "/r/b", reason: reason, origin: origin)
    }

    /// Every candidate ready now.
    func drain(_ machine: inout Machine) -> [WatchSession.Candidate] {
        var all: [WatchSession.Candidate] = []
        while let next = machine.nextCandidate() { all.append(next) }
        return all
    }

    /// Promotes whatever is due at `now`, the files found as `found` says (nil: gone).
    func promote(_ machine: inout Machine, at now: ContinuousClock.Instant, found: (ObjectKey) -> FileIdentity?) {
        while let due = machine.takeDue(now: now) {
            machine.settled(due.key, due.waiting, found: found(due.key), now: now)
        }
    }

    @Test("A file found by a listing is reported only after the settle delay, and only if unchanged")
    func settlesBeforeReporting() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("a"), .settle, now: t0)
        #expect(!machine.hasReadyCandidates)
        #expect(machine.nextDeadline() == t0 + delay)
        promote(&machine, at: t0 + .seconds(1)) { _ in identity(1) }
        #expect(!machine.hasReadyCandidates)
        promote(&machine, at: t0 + delay) { _ in identity(1) }
        #expect(drain(&machine) == [created("a", .putObject, .scan)])
        #expect(machine.nextDeadline() == nil)
    }

    @Test("A file that changed while settling waits another delay; one that vanished is dropped")
    func changedOrGone() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("a"), .settle, now: t0)
        machine.discovered(sighting("b", inode: 2), .settle, now: t0)
        promote(&machine, at: t0 + delay) { $0 == key("a") ? identity(1, size: 99) : nil }
        #expect(!machine.hasReadyCandidates)
        #expect(machine.nextDeadline() == t0 + delay + delay)
        promote(&machine, at: t0 + delay + delay) { _ in identity(1, size: 99) }
        #expect(drain(&machine) == [created("a", .putObject, .scan)])
    }

    @Test("A file unchanged but still open for writing when due waits another delay, then is reported once")
    func stillWritten() throws {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("a"), .settle, now: t0)
        let taken = machine.takeDue(now: t0 + delay)
        let due = try #require(taken)
        machine.settled(due.key, due.waiting, found: identity(1), beingWritten: true, now: t0 + delay)
        #expect(!machine.hasReadyCandidates)
        #expect(machine.nextDeadline() == t0 + delay + delay)
        promote(&machine, at: t0 + delay + delay) { _ in identity(1) }
        #expect(drain(&machine) == [created("a", .putObject, .scan)])
    }

    @Test("Found again unchanged while settling keeps the earlier deadline; a symlink settles as a copy")
    func rediscovery() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("l", isLink: true), .settle, now: t0)
        machine.discovered(sighting("l", isLink: true), .settle, now: t0 + .seconds(1))
        #expect(machine.nextDeadline() == t0 + delay)
        promote(&machine, at: t0 + delay) { _ in identity(1) }
        #expect(drain(&machine) == [created("l", .copyObject, .scan)])
    }

    @Test("A close that arrives after a listing reported the same file says nothing new, but only once")
    func lateClose() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("a"), .baseline, now: t0)
        let object = (identity: identity(1), isLink: false)
        machine.written(key("a"), path: "/r/b/a", bucketRoot: "/r/b", object: object, reason: .putObject)
        #expect(!machine.hasReadyCandidates)
        machine.written(key("a"), path: "/r/b/a", bucketRoot: "/r/b", object: object, reason: .putObject)
        #expect(drain(&machine) == [created("a", .putObject, .event)])
    }

    @Test("A close after a file was renamed into place, nothing changed, says nothing new; a second close does")
    func closeAfterArrival() {
        // The kill campaign's second execution for one upload: a process started between the uploader's open and
        // its rename inherited the write descriptor, and closed it after the rename.
        var machine = Machine(settleDelay: delay)
        let object = (identity: identity(1), isLink: false)
        machine.written(
            key("a"),
            path: "/r/b/a",
            bucketRoot: "/r/b",
            object: object,
            reason: .putObject,
            arrivedWhole: true
        )
        #expect(drain(&machine) == [created("a", .putObject, .arrival)])
        machine.emitted(key("a"), identity: identity(1), origin: .arrival)
        machine.written(key("a"), path: "/r/b/a", bucketRoot: "/r/b", object: object, reason: .putObject)
        #expect(!machine.hasReadyCandidates)
        machine.written(key("a"), path: "/r/b/a", bucketRoot: "/r/b", object: object, reason: .putObject)
        #expect(drain(&machine) == [created("a", .putObject, .event)])
        // Changed since it arrived: a write after the rename, reported.
        machine.written(
            key("b"),
            path: "/r/b/b",
            bucketRoot: "/r/b",
            object: object,
            reason: .putObject,
            arrivedWhole: true
        )
        machine.emitted(key("b"), identity: identity(1), origin: .arrival)
        _ = drain(&machine)
        machine.written(
            key("b"),
            path: "/r/b/b",
            bucketRoot: "/r/b",
            object: (identity(1, size: 11), false),
            reason: .putObject
        )
        #expect(drain(&machine) == [created("b", .putObject, .event)])
    }

    @Test("A write cancels a pending settle and is reported at once; a write of what is gone reports nothing")
    func writeDuringSettle() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("a"), .settle, now: t0)
        machine.written(
            key("a"),
            path: "/r/b/a",
            bucketRoot: "/r/b",
            object: (identity(1), false),
            reason: .putObject
        )
        #expect(machine.nextDeadline() == nil)
        #expect(drain(&machine) == [created("a", .putObject, .event)])
        machine.written(key("x"), path: "/r/b/x", bucketRoot: "/r/b", object: nil, reason: .putObject)
        #expect(!machine.hasReadyCandidates)
    }

    @Test("A rename from an object's name is a copy; from any other name (an upload's temporary file) a put")
    func renames() {
        var machine = Machine(settleDelay: delay)
        machine.emitted(key("old"), identity: identity(1), origin: .event)
        let wasObject = machine.removed(key("old"))
        #expect(wasObject)
        machine.movedAway(cookie: 7, wasObject: wasObject)
        machine.movedAway(cookie: 8, wasObject: false)
        #expect(machine.arrived(cookie: 7) == .copyObject)
        #expect(machine.arrived(cookie: 7) == .putObject)
        #expect(machine.arrived(cookie: 8) == .putObject)
        #expect(machine.arrived(cookie: 9) == .putObject)
        #expect(drain(&machine) == [.deleted(key("old"))])
    }

    @Test("Only the most recent renames are remembered")
    func rememberedMoves() {
        var machine = Machine(settleDelay: delay)
        for cookie in 0...UInt32(Machine.rememberedMoves) { machine.movedAway(cookie: cookie, wasObject: true) }
        #expect(machine.arrived(cookie: 0) == .putObject)
        #expect(machine.arrived(cookie: UInt32(Machine.rememberedMoves)) == .copyObject)
    }

    @Test("Removing a name that was never reported reports nothing and cancels its settle")
    func removeUnreported() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("a"), .settle, now: t0)
        let wasReported = machine.removed(key("a"))
        #expect(!wasReported)
        #expect(machine.nextDeadline() == nil)
        #expect(!machine.hasReadyCandidates)
    }

    @Test("A folder renamed into place reports its objects at once; known unchanged ones are not reported again")
    func immediateFolder() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("d/a"), .baseline, now: t0)
        machine.discovered(sighting("d/a"), .immediate(.copyObject), now: t0)
        machine.discovered(sighting("d/b", inode: 2), .immediate(.copyObject), now: t0)
        machine.discovered(sighting("d/l", inode: 3, isLink: true), .immediate(.putObject), now: t0)
        #expect(drain(&machine) == [created("d/b", .copyObject, .scan), created("d/l", .copyObject, .scan)])
    }

    @Test("A folder that went away reports its objects deleted and drops their settles")
    func forgetFolder() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("d/a"), .baseline, now: t0)
        machine.discovered(sighting("e/a"), .baseline, now: t0)
        machine.discovered(sighting("d/s", inode: 2), .settle, now: t0)
        let first = machine.forget(bucket: "b", prefix: "d/")
        let again = machine.forget(bucket: "b", prefix: "d/")
        #expect(first)
        #expect(!again)
        #expect(drain(&machine) == [.deleted(key("d/a"))])
        #expect(machine.nextDeadline() == nil)
    }

    @Test("Starting from the objects known before a restart: changed ones settle, gone ones are deleted")
    func startWithKnown() {
        var machine = Machine(settleDelay: delay)
        let known = [key("same"): identity(1), key("changed"): identity(2), key("gone"): identity(3)]
        let found = [sighting("changed", inode: 2, size: 11), sighting("new", inode: 4), sighting("same")]
        machine.started(found: found, known: known, now: t0)
        #expect(drain(&machine) == [.deleted(key("gone"))])
        promote(&machine, at: t0 + delay) { k in found.first { $0.key == k }?.identity }
        #expect(drain(&machine) == [created("changed", .putObject, .scan), created("new", .putObject, .scan)])
    }

    @Test("Starting without known objects takes what is there as reported")
    func startWithoutKnown() {
        var machine = Machine(settleDelay: delay)
        machine.started(found: [sighting("a")], known: nil, now: t0)
        #expect(!machine.hasReadyCandidates)
        #expect(machine.nextDeadline() == nil)
        let wasReported = machine.removed(key("a"))
        #expect(wasReported)
    }

    @Test("A rescan settles what is new or changed and reports deleted what it no longer finds")
    func rescan() {
        var machine = Machine(settleDelay: delay)
        machine.discovered(sighting("kept"), .baseline, now: t0)
        machine.discovered(sighting("lost", inode: 2), .baseline, now: t0)
        machine.discovered(sighting("settling-lost", inode: 3), .settle, now: t0)
        machine.rescanned(found: [sighting("kept"), sighting("new", inode: 4)], now: t0 + .seconds(1))
        #expect(drain(&machine) == [.deleted(key("lost"))])
        #expect(machine.nextDeadline() == t0 + .seconds(1) + delay)
        promote(&machine, at: t0 + .seconds(10)) { _ in identity(4) }
        #expect(drain(&machine) == [created("new", .putObject, .scan)])
    }

    @Test("Only symlinks and hard links count as content arriving by a bare create")
    func linkedNames() {
        #expect(Machine.isLinked(isSymbolicLink: true, isRegularFile: false, linkCount: 1))
        #expect(Machine.isLinked(isSymbolicLink: false, isRegularFile: true, linkCount: 2))
        #expect(!Machine.isLinked(isSymbolicLink: false, isRegularFile: true, linkCount: 1))
        #expect(!Machine.isLinked(isSymbolicLink: false, isRegularFile: false, linkCount: 3))
    }
}
