import Foundation
import SluiceVocabulary
import SluiceWatch
import Synchronization
import Testing

/// A buckets folder in a fresh temporary directory, with helpers that write, rename and delete files exactly as
/// uploaders do (no shell involved, so any name works).
final class WatchFixture {
    let root: String
    let buckets: String

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/sluice-watch-\(UUID().uuidString)"
        buckets = root + "/var/lib/sluice/buckets"
        try FileManager.default.createDirectory(atPath: buckets, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ relative: String) -> String {
        buckets + "/" + relative
    }

    /// Creates a folder and its parents, like `mkdir -p`.
    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// Writes a file in place (open, write, close), creating its folder.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func rename(_ from: String, _ to: String) throws {
        guard Foundation.rename(path(from), path(to)) == 0 else { throw POSIXError(.init(rawValue: errno)!) }
    }

    func delete(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path(relative))
    }

    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }

    /// A watcher over the fixture's buckets with a short settle delay, recording its events.
    func watch(known: [ObjectState]? = nil, settings: ObjectEventSettings = ObjectEventSettings()) throws -> Recorder {
        let problems = Problems()
        let watcher = try BucketWatcher(
            bucketsDirectory: buckets,
            factory: ObjectEventFactory(settings: settings),
            known: known,
            configuration: BucketWatcher.Configuration(settleDelay: .milliseconds(100)) { problems.add($0) }
        )
        return Recorder(watcher: watcher, problems: problems, buckets: buckets)
    }
}

/// Problems the watcher reported; tests expect none unless they provoke one.
final class Problems: Sendable {
    private let list = Mutex<[WatchError]>([])

    func add(_ problem: WatchError) {
        list.withLock { $0.append(problem) }
    }

    var all: [WatchError] {
        list.withLock { $0 }
    }
}

/// Iterates a watcher's events in a task of its own and keeps them for the test to look at.
final class Recorder: Sendable {
    /// The bucket the quiet check writes its marker into; its events are never shown to a test.
    static let markerBucket = "zz-quiet-marker"
    let watcher: BucketWatcher
    let problems: Problems
    let buckets: String
    private let box = EventBox()
    private let task: Task<Void, any Error>

    init(watcher: BucketWatcher, problems: Problems, buckets: String) {
        self.watcher = watcher
        self.problems = problems
        self.buckets = buckets
        task = Task { [box] in
            for try await event in watcher.events() { box.append(event) }
        }
    }

    deinit {
        task.cancel()
    }

    var events: [ObjectEvent] {
        box.events.filter { $0.bucket != Self.markerBucket }
    }

    /// Waits until at least `count` events arrived (or 60 seconds passed: a stalled machine); then, unless `quiet` is zero, makes sure
    /// no extra event (which would be a bug) is still on its way: it writes a marker object after everything the
    /// test did, waits until the watcher reports it (it settles last, so whatever the test's files would still
    /// cause has been reported by then), and `quiet` longer. Returns the events, markers left out.
    func events(count: Int, thenQuietFor quiet: Duration = .milliseconds(400)) async throws -> [ObjectEvent] {
        let deadline = ContinuousClock.now + .seconds(60) * Sanitized.slowdown
        while events.count < count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        guard quiet > .zero else { return events }
        let marker = UUID().uuidString
        let folder = buckets + "/" + Self.markerBucket
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("quiet".utf8).write(to: URL(fileURLWithPath: folder + "/" + marker))
        // Generous: the marker settles behind whatever the test caused (a rescan of thousands of objects, say), on
        // two cores shared with every other suite. CI once saw 20 s pass with a million-item run beside this one.
        let markerDeadline = ContinuousClock.now + .seconds(60) * Sanitized.slowdown
        while !box.events.contains(where: { $0.bucket == Self.markerBucket && $0.key == marker }) {
            try #require(ContinuousClock.now < markerDeadline, "the watcher never reported the quiet marker")
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: quiet)
        return events
    }

    /// Ends the iteration and waits for the task, surfacing an error the sequence threw.
    func stop() async throws {
        watcher.close()
        try await task.value
    }
}

private final class EventBox: Sendable {
    private let list = Mutex<[ObjectEvent]>([])

    func append(_ event: ObjectEvent) {
        list.withLock { $0.append(event) }
    }

    var events: [ObjectEvent] {
        list.withLock { $0 }
    }
}

extension ObjectEvent {
    /// "Object Created inbox/a.txt" and the like, for readable expectations.
    var summary: String {
        "\(kind == .created ? "created" : "deleted") \(bucket)/\(key)"
    }
}

/// The hex MD5 of some bytes, computed in one go.
func md5Hex(_ bytes: [UInt8]) -> String {
    var md5 = MD5()
    bytes.withUnsafeBytes { md5.update($0) }
    return md5.finalizeHex()
}
