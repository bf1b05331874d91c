extension WatchSession {
    /// An object a listing found, as the decisions need it: where it is and what identifies its content.
    struct Sighting: Hashable {
        var key: ObjectKey
        /// Where the object's name is: for a symlink, the link.
        var path: String
        var bucketRoot: String
        var identity: FileIdentity
        var isLink: Bool
    }

    /// The watcher's decisions, apart from its I/O: which objects were reported, which wait to settle and until
    /// when, how a move's two halves pair up, and which candidates are ready to be hashed and reported.
    ///
    /// It stats nothing, watches nothing and reads no clock: `WatchSession` walks folders, stats files and reads
    /// inotify, tells it what it saw (with `now` where a deadline is set) and hands out the candidates it queues.
    struct StateMachine {
        /// Renames remembered to pair a move's two halves; the halves are queued together, so a few suffice.
        static let rememberedMoves = 64

        let settleDelay: Duration
        private var reported: [ObjectKey: Reported] = [:]
        private var settling: [ObjectKey: Settling] = [:]
        /// Settling files in deadline order. Every deadline is "now + settle delay" when set, so the order of setting
        /// is the order of deadlines and the earliest is found without a search; entries whose file was reported,
        /// removed or given a new deadline since are stale and skipped.
        private var settleOrder: [(key: ObjectKey, deadline: ContinuousClock.Instant)] = []
        private var settleHead = 0
        private var ready: [Candidate] = []
        private var readyHead = 0
        /// Cookie of a recent `movedFrom` → whether the name moved away was an object (so its arrival is a copy).
        private var moves: [UInt32: Bool] = [:]
        private var moveOrder: [UInt32] = []

        init(settleDelay: Duration) {
            self.settleDelay = settleDelay
        }

        // MARK: - Handing out candidates

        /// The next candidate ready to be reported.
        mutating func nextCandidate() -> Candidate? {
            guard readyHead < ready.count else { return nil }
            defer {
                readyHead += 1
                if readyHead == ready.count {
                    ready.removeAll(keepingCapacity: true)
                    readyHead = 0
                }
            }
            return ready[readyHead]
        }

        /// Whether candidates are ready to be reported.
        var hasReadyCandidates: Bool { readyHead < ready.count }

        /// A candidate was hashed and reported as an event.
        mutating func emitted(_ key: ObjectKey, identity: FileIdentity, origin: Origin) {
            reported[key] = Reported(identity: identity, origin: origin)
        }

        // MARK: - Settling

        /// When the next settling file is due, if any.
        mutating func nextDeadline() -> ContinuousClock.Instant? {
            dropStaleSettling()
            return settleHead < settleOrder.count ? settleOrder[settleHead].deadline : nil
        }

        /// The next settling file due at `now`, taken off the list: its file is to be looked at again and the
        /// finding passed to `settled`.
        mutating func takeDue(now: ContinuousClock.Instant) -> (key: ObjectKey, waiting: Settling)? {
            while true {
                dropStaleSettling()
                guard settleHead < settleOrder.count, settleOrder[settleHead].deadline <= now else {
                    if settleHead > 1024 && settleHead * 2 > settleOrder.count {
                        settleOrder.removeFirst(settleHead)
                        settleHead = 0
                    }
                    return nil
                }
                let key = settleOrder[settleHead].key
                settleHead += 1
                if let waiting = settling.removeValue(forKey: key) { return (key, waiting) }
            }
        }

        /// A due file looked at again: gone (nil) drops it, changed waits another settle delay, unchanged is ready
        /// unless a writer still has it open (`beingWritten`): then it too waits, since a writer that pauses longer
        /// than the delay has not finished, and its close reports the file once it has.
        mutating func settled(
            _ key: ObjectKey,
            _ waiting: Settling,
            found identity: FileIdentity?,
            beingWritten: Bool = false,
            now: ContinuousClock.Instant
        ) {
            guard let identity else { return }
            guard identity == waiting.identity, !beingWritten else {
                var again = waiting
                again.identity = identity
                again.deadline = now + settleDelay
                settle(key, again)
                return
            }
            ready.append(
                .created(key, path: waiting.path, bucketRoot: waiting.bucketRoot, reason: waiting.reason, origin: .scan)
            )
        }

        private mutating func settle(_ key: ObjectKey, _ waiting: Settling) {
            settling[key] = waiting
            settleOrder.append((key, waiting.deadline))
        }

        private mutating func dropStaleSettling() {
            while settleHead < settleOrder.count {
                let entry = settleOrder[settleHead]
                if settling[entry.key]?.deadline == entry.deadline { return }
                settleHead += 1
            }
        }

        // MARK: - Listings

        /// The first listing, with `known` the objects reported before a restart: new or changed ones are reported
        /// once settled and known ones that are gone are reported deleted. Without `known`, what is there counts as
        /// reported.
        mutating func started(found: [Sighting], known: [ObjectKey: FileIdentity]?, now: ContinuousClock.Instant) {
            guard var known else {
                for object in found { discovered(object, .baseline, now: now) }
                return
            }
            for object in found {
                let unchanged = known.removeValue(forKey: object.key) == object.identity
                discovered(object, unchanged ? .baseline : .settle, now: now)
            }
            for key in known.keys.sorted() { ready.append(.deleted(key)) }
        }

        /// Handles an object a listing found.
        mutating func discovered(_ object: Sighting, _ discovery: Discovery, now: ContinuousClock.Instant) {
            switch discovery {
            case .baseline:
                reported[object.key] = Reported(identity: object.identity, origin: .scan)
            case .settle:
                guard reported[object.key]?.identity != object.identity else { return }
                // Found again unchanged while settling: keep the earlier deadline.
                guard settling[object.key]?.identity != object.identity else { return }
                settle(
                    object.key,
                    Settling(
                        path: object.path,
                        bucketRoot: object.bucketRoot,
                        identity: object.identity,
                        reason: object.isLink ? .copyObject : .putObject,
                        deadline: now + settleDelay
                    )
                )
            case .immediate(let reason):
                guard reported[object.key]?.identity != object.identity else { return }
                settling[object.key] = nil
                ready.append(
                    .created(
                        object.key,
                        path: object.path,
                        bucketRoot: object.bucketRoot,
                        reason: object.isLink ? .copyObject : reason,
                        origin: .scan
                    )
                )
            }
        }

        /// A listing of everything after events were lost: what it found settles, reported objects it did not find
        /// are reported deleted.
        mutating func rescanned(found: [Sighting], now: ContinuousClock.Instant) {
            let present = Set(found.map(\.key))
            for object in found.sorted(by: { $0.key < $1.key }) { discovered(object, .settle, now: now) }
            for key in reported.keys.filter({ !present.contains($0) }).sorted() {
                reported[key] = nil
                ready.append(.deleted(key))
            }
            settling = settling.filter { present.contains($0.key) }
        }

        // MARK: - Inotify events

        /// A file finished arriving under `key`, written and closed (`arrivedWhole` false) or renamed or linked into
        /// place (true); `object` is what the name holds now (nil: not an object any more).
        mutating func written(
            _ key: ObjectKey,
            path: String,
            bucketRoot: String,
            object: (identity: FileIdentity, isLink: Bool)?,
            reason: ObjectEvent.Reason,
            arrivedWhole: Bool = false
        ) {
            settling[key] = nil
            guard let object else { return }
            if let previous = reported[key], previous.identity == object.identity,
                previous.origin == .scan || (previous.origin == .arrival && !arrivedWhole)
            {
                // A listing already reported exactly this file, or it arrived whole: this is a descriptor open on it
                // being closed late (its writer's, or one a process started meanwhile inherited). Only once, though:
                // a later rewrite within the file system's timestamp granularity could look the same.
                reported[key]?.origin = .event
                return
            }
            ready.append(
                .created(
                    key,
                    path: path,
                    bucketRoot: bucketRoot,
                    reason: object.isLink ? .copyObject : reason,
                    origin: arrivedWhole ? .arrival : .event
                )
            )
        }

        /// Whether a name created without being written is content arriving: a symlink, or a hard link to content
        /// already there. Files created to be written are reported when closed instead.
        static func isLinked(isSymbolicLink: Bool, isRegularFile: Bool, linkCount: UInt64) -> Bool {
            isSymbolicLink || (isRegularFile && linkCount > 1)
        }

        /// A file deleted or moved away; true when it was a reported object (and is now reported deleted).
        mutating func removed(_ key: ObjectKey) -> Bool {
            settling[key] = nil
            guard reported.removeValue(forKey: key) != nil else { return false }
            ready.append(.deleted(key))
            return true
        }

        /// A folder (or bucket, for prefix "") went away: its objects are reported deleted. Returns whether it held
        /// objects.
        mutating func forget(bucket: String, prefix: String) -> Bool {
            let gone = reported.keys.filter { $0.isUnder(bucket: bucket, prefix: prefix) }.sorted()
            for key in gone {
                reported[key] = nil
                ready.append(.deleted(key))
            }
            settling = settling.filter { !$0.key.isUnder(bucket: bucket, prefix: prefix) }
            return !gone.isEmpty
        }

        /// The first half of a rename: the name moved away, an object or not.
        mutating func movedAway(cookie: UInt32, wasObject: Bool) {
            if moves.updateValue(wasObject, forKey: cookie) == nil { moveOrder.append(cookie) }
            if moveOrder.count > Self.rememberedMoves {
                moves[moveOrder.removeFirst()] = nil
            }
        }

        /// The second half of a rename: S3's copy when the name that moved was an object, otherwise a PutObject
        /// (an upload's temporary file renamed into place).
        mutating func arrived(cookie: UInt32) -> ObjectEvent.Reason {
            (moves.removeValue(forKey: cookie) ?? false) ? .copyObject : .putObject
        }
    }
}
