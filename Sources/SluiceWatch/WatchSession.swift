import Glibc
import SluiceCore
import SluiceLinux

/// The bucket watcher's working state: which folder each watch is on, which objects were reported, which are
/// waiting to settle and which events are ready. Owned by the watcher's single iterator, so it needs no lock.
///
/// Inotify events become candidates here; a candidate becomes an event only once its file is hashed (`emit`).
final class WatchSession {
    /// What a watch descriptor stands for.
    struct Directory {
        /// nil for the buckets folder itself.
        var bucket: String?
        /// The real path of the bucket folder (the buckets folder for the root watch).
        var bucketRoot: String
        /// The keys of files directly inside start with this: "" for the bucket folder, "a/b/" for a/b.
        var prefix: String
        /// The folder's path, built on `bucketRoot` so it holds no symlink.
        var path: String
    }

    /// How an object came to be reported.
    enum Origin {
        /// From an inotify event naming it.
        case event
        /// From a listing: startup, a new folder, a rescan. Its own close event may still be queued and then says
        /// nothing new.
        case scan
    }

    struct Reported {
        var identity: FileIdentity
        var origin: Origin
    }

    /// A file found by a listing that is reported only once it has stopped changing: it may still be being written
    /// by whoever created its folder, and its close event will come if so.
    struct Settling {
        var path: String
        var bucketRoot: String
        var identity: FileIdentity
        var reason: ObjectEvent.Reason
        var deadline: ContinuousClock.Instant
    }

    enum Candidate {
        case created(ObjectKey, path: String, bucketRoot: String, reason: ObjectEvent.Reason, origin: Origin)
        case deleted(ObjectKey)
    }

    /// What to do with the objects a listing finds.
    enum Discovery {
        /// Take them as already reported (startup without catch-up).
        case baseline
        /// Report them once they have settled (new folders, rescans).
        case settle
        /// Report them at once: a folder renamed into place is complete, like a file renamed into place.
        case immediate(ObjectEvent.Reason)
    }

    static let rootMask: Inotify.Mask = [.create, .delete, .movedFrom, .movedTo, .onlyDirectory]
    // No .modify: a file is reported when its writer closes it, and a watch that never sees each write keeps the
    // kernel queue small while large files are copied in.
    static let folderMask: Inotify.Mask = [
        .closeWrite, .create, .delete, .movedFrom, .movedTo, .onlyDirectory, .dontFollow, .excludeUnlinked,
    ]
    /// Renames remembered to pair a move's two halves; the halves are queued together, so a few suffice.
    private static let rememberedMoves = 64

    let inotify: Inotify
    let bucketsDirectory: String
    let factory: ObjectEventFactory
    let configuration: BucketWatcher.Configuration

    private var directories: [Int32: Directory] = [:]
    private var reported: [ObjectKey: Reported] = [:]
    private var settling: [ObjectKey: Settling] = [:]
    /// Settling files in deadline order. Every deadline is "now + settle delay" when set, so the order of setting is
    /// the order of deadlines and the earliest is found without a search; entries whose file was reported, removed
    /// or given a new deadline since are stale and skipped.
    private var settleOrder: [(key: ObjectKey, deadline: ContinuousClock.Instant)] = []
    private var settleHead = 0
    private var ready: [Candidate] = []
    private var readyHead = 0
    /// Cookie of a recent `movedFrom` → whether the name moved away was an object (so its arrival is a copy).
    private var moves: [UInt32: Bool] = [:]
    private var moveOrder: [UInt32] = []

    init(
        inotify: Inotify,
        bucketsDirectory: String,
        factory: ObjectEventFactory,
        configuration: BucketWatcher.Configuration
    ) {
        self.inotify = inotify
        self.bucketsDirectory = bucketsDirectory
        self.factory = factory
        self.configuration = configuration
    }

    // MARK: - Starting

    /// Watches the buckets folder and every bucket, then lists them; returns the objects found.
    ///
    /// With `known` (the objects reported before a restart), objects that are new or changed are reported once
    /// settled and known objects that are gone are reported deleted; without it, what is there counts as reported.
    func start(known: [ObjectState]?) throws(WatchError) -> [ObjectState] {
        guard Posix.status(bucketsDirectory)?.isDirectory == true else {
            throw .notADirectory(bucketsDirectory)
        }
        // Watch first, list second: whatever arrives in between is both listed and reported by an event, and the
        // duplicate is recognised; the other order would lose it.
        let root = try inotify.addWatch(bucketsDirectory, mask: Self.rootMask)
        directories[root] = rootDirectory
        var found: [BucketWalker.Found] = []
        let walker = makeWalker { _ in }
        for bucket in try BucketWalker.buckets(in: bucketsDirectory).get() {
            walker.walk(bucket: bucket.name, bucketRoot: bucket.root, directory: bucket.root, prefix: "", into: &found)
        }
        found.sort { $0.key < $1.key }
        guard let known else {
            for object in found { discover(object, .baseline) }
            return found.map(\.state)
        }
        var knownIdentities: [ObjectKey: FileIdentity] = [:]
        for state in known { knownIdentities[ObjectKey(bucket: state.bucket, key: state.key)] = state.identity }
        for object in found {
            if knownIdentities.removeValue(forKey: object.key) == object.info.identity {
                discover(object, .baseline)
            } else {
                discover(object, .settle)
            }
        }
        for key in knownIdentities.keys.sorted() { ready.append(.deleted(key)) }
        return found.map(\.state)
    }

    private var rootDirectory: Directory {
        Directory(bucket: nil, bucketRoot: bucketsDirectory, prefix: "", path: bucketsDirectory)
    }

    // MARK: - Handing out candidates

    /// The next candidate ready to be reported.
    func nextCandidate() -> Candidate? {
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
    var hasReadyCandidates: Bool {
        readyHead < ready.count
    }

    /// When the next settling file is due, if any.
    func nextDeadline() -> ContinuousClock.Instant? {
        dropStaleSettling()
        return settleHead < settleOrder.count ? settleOrder[settleHead].deadline : nil
    }

    /// Moves settling files that are due and unchanged to the ready candidates; changed ones wait again.
    func promoteSettled(now: ContinuousClock.Instant) {
        while true {
            dropStaleSettling()
            guard settleHead < settleOrder.count, settleOrder[settleHead].deadline <= now else { break }
            let key = settleOrder[settleHead].key
            settleHead += 1
            guard var waiting = settling.removeValue(forKey: key) else { continue }
            guard let object = BucketWalker.objectFile(at: waiting.path, bucketRoot: waiting.bucketRoot) else {
                continue
            }
            guard object.info.identity == waiting.identity else {
                waiting.identity = object.info.identity
                waiting.deadline = now + configuration.settleDelay
                settle(key, waiting)
                continue
            }
            ready.append(
                .created(key, path: waiting.path, bucketRoot: waiting.bucketRoot, reason: waiting.reason, origin: .scan)
            )
        }
        if settleHead > 1024 && settleHead * 2 > settleOrder.count {
            settleOrder.removeFirst(settleHead)
            settleHead = 0
        }
    }

    private func settle(_ key: ObjectKey, _ waiting: Settling) {
        settling[key] = waiting
        settleOrder.append((key, waiting.deadline))
    }

    private func dropStaleSettling() {
        while settleHead < settleOrder.count {
            let entry = settleOrder[settleHead]
            if settling[entry.key]?.deadline == entry.deadline { return }
            settleHead += 1
        }
    }

    /// Turns a candidate into its event: hashes a created file (skipping it if it is gone or changing) and
    /// records it as reported.
    func emit(_ candidate: Candidate) async -> ObjectEvent? {
        switch candidate {
        case .deleted(let key):
            return factory.deleted(bucket: key.bucket, key: key.key)
        case .created(let key, let path, let bucketRoot, let reason, let origin):
            switch await ContentHasher.hash(path: path, bucketRoot: bucketRoot) {
            case .hashed(let size, let etag, let identity):
                reported[key] = Reported(identity: identity, origin: origin)
                return factory.created(bucket: key.bucket, key: key.key, size: size, etag: etag, reason: reason)
            case .notAnObject, .changedWhileReading:
                return nil
            case .failed(let error):
                configuration.onProblem(error)
                return nil
            }
        }
    }

    // MARK: - Inotify events

    /// Updates the state for one inotify event, queueing the candidates it implies.
    func handle(_ event: Inotify.Event) {
        if event.mask.contains(.queueOverflow) {
            rescanAll()
            return
        }
        guard let directory = directories[event.watchDescriptor] else { return }
        if event.mask.contains(.ignored) {
            directories[event.watchDescriptor] = nil
            // Without the buckets folder nothing more can arrive; whoever runs the watcher should hear of it.
            if directory.bucket == nil { configuration.onProblem(.notADirectory(bucketsDirectory)) }
            return
        }
        guard let name = event.name else { return }
        let path = directory.path + "/" + name
        guard let bucket = directory.bucket else {
            handleBucketsFolderEntry(name, event)
            return
        }
        let key = ObjectKey(bucket: bucket, key: directory.prefix + name)
        if event.mask.contains(.isDirectory) {
            // Hidden folders hold no objects; nothing under them was ever watched or reported.
            guard !name.hasPrefix(".") else { return }
            let prefix = key.key + "/"
            if event.mask.contains(.create) {
                add(bucket: bucket, bucketRoot: directory.bucketRoot, directory: path, prefix: prefix, .settle)
            } else if event.mask.contains(.movedTo) {
                let reason: ObjectEvent.Reason = takeMove(event.cookie) ? .copyObject : .putObject
                add(
                    bucket: bucket,
                    bucketRoot: directory.bucketRoot,
                    directory: path,
                    prefix: prefix,
                    .immediate(reason)
                )
            } else if event.mask.contains(.movedFrom) || event.mask.contains(.delete) {
                let hadObjects = forget(bucket: bucket, prefix: prefix)
                if event.mask.contains(.movedFrom) { rememberMove(event.cookie, wasObject: hadObjects) }
            }
            return
        }
        guard ObjectName.isObject(name) else { return }
        if event.mask.contains(.closeWrite) {
            written(key, path: path, bucketRoot: directory.bucketRoot, reason: .putObject)
        } else if event.mask.contains(.movedTo) {
            // A rename from another object's name is S3's copy; a rename of an upload's temporary file is the
            // upload completing, a PutObject.
            let reason: ObjectEvent.Reason = takeMove(event.cookie) ? .copyObject : .putObject
            written(key, path: path, bucketRoot: directory.bucketRoot, reason: reason)
        } else if event.mask.contains(.create) {
            linked(key, path: path, bucketRoot: directory.bucketRoot)
        } else if event.mask.contains(.delete) || event.mask.contains(.movedFrom) {
            let wasObject = removed(key)
            if event.mask.contains(.movedFrom) { rememberMove(event.cookie, wasObject: wasObject) }
        }
    }

    /// A name directly in the buckets folder: a bucket arriving or leaving (files there are not objects).
    private func handleBucketsFolderEntry(_ name: String, _ event: Inotify.Event) {
        guard !name.hasPrefix(".") else { return }
        if event.mask.contains(.create) || event.mask.contains(.movedTo) {
            guard let bucketRoot = BucketWalker.bucketRoot(bucketsDirectory: bucketsDirectory, name: name) else {
                return
            }
            let discovery: Discovery =
                event.mask.contains(.create) ? .settle : .immediate(takeMove(event.cookie) ? .copyObject : .putObject)
            add(bucket: name, bucketRoot: bucketRoot, directory: bucketRoot, prefix: "", discovery)
        } else if event.mask.contains(.delete) || event.mask.contains(.movedFrom) {
            let hadObjects = forget(bucket: name, prefix: "")
            if event.mask.contains(.movedFrom) { rememberMove(event.cookie, wasObject: hadObjects) }
        }
    }

    /// A file finished arriving under `key`: written and closed, or renamed into place.
    private func written(_ key: ObjectKey, path: String, bucketRoot: String, reason: ObjectEvent.Reason) {
        settling[key] = nil
        guard let object = BucketWalker.objectFile(at: path, bucketRoot: bucketRoot) else { return }
        if let previous = reported[key], previous.origin == .scan, previous.identity == object.info.identity {
            // A listing already reported exactly this file; this is its close arriving late. Only once, though: a
            // later rewrite within the file system's timestamp granularity could look the same.
            reported[key]?.origin = .event
            return
        }
        ready.append(
            .created(
                key,
                path: path,
                bucketRoot: bucketRoot,
                reason: object.isLink ? .copyObject : reason,
                origin: .event
            )
        )
    }

    /// A name created without being written: a symlink or a hard link to existing content. Files created to be
    /// written are reported when closed instead.
    private func linked(_ key: ObjectKey, path: String, bucketRoot: String) {
        guard let info = Posix.linkStatus(path) else { return }
        let isLink = info.isSymbolicLink || (info.isRegularFile && info.linkCount > 1)
        guard isLink else { return }
        written(key, path: path, bucketRoot: bucketRoot, reason: .copyObject)
    }

    /// A file deleted or moved away; true when it was a reported object (and is now reported deleted).
    private func removed(_ key: ObjectKey) -> Bool {
        settling[key] = nil
        guard reported.removeValue(forKey: key) != nil else { return false }
        ready.append(.deleted(key))
        return true
    }

    private func rememberMove(_ cookie: UInt32, wasObject: Bool) {
        if moves.updateValue(wasObject, forKey: cookie) == nil { moveOrder.append(cookie) }
        if moveOrder.count > Self.rememberedMoves {
            moves[moveOrder.removeFirst()] = nil
        }
    }

    private func takeMove(_ cookie: UInt32) -> Bool {
        moves.removeValue(forKey: cookie) ?? false
    }

    // MARK: - Folders

    /// Watches a folder that arrived and everything below it, then handles the objects found in it.
    private func add(bucket: String, bucketRoot: String, directory: String, prefix: String, _ discovery: Discovery) {
        var found: [BucketWalker.Found] = []
        makeWalker { _ in }.walk(
            bucket: bucket,
            bucketRoot: bucketRoot,
            directory: directory,
            prefix: prefix,
            into: &found
        )
        for object in found.sorted(by: { $0.key < $1.key }) { discover(object, discovery) }
    }

    /// A folder (or bucket, for prefix "") that went away: its objects are deleted and its watches dropped.
    /// Returns whether it held objects.
    @discardableResult
    private func forget(bucket: String, prefix: String) -> Bool {
        let gone = reported.keys.filter { $0.isUnder(bucket: bucket, prefix: prefix) }.sorted()
        for key in gone {
            reported[key] = nil
            ready.append(.deleted(key))
        }
        settling = settling.filter { !$0.key.isUnder(bucket: bucket, prefix: prefix) }
        // A folder moved elsewhere keeps its watches (they follow the inode), which would then report keys under
        // the old name; a folder moved within the buckets gets fresh ones when its arrival is handled.
        for (descriptor, directory) in directories {
            guard let owner = directory.bucket, owner.utf8.elementsEqual(bucket.utf8),
                directory.prefix.utf8.starts(with: prefix.utf8)
            else { continue }
            inotify.removeWatch(descriptor)
            directories[descriptor] = nil
        }
        return !gone.isEmpty
    }

    /// Lists everything again after events were lost: watches every folder (renewing stale entries), reports
    /// objects that are new or changed once settled, and reports deleted the reported objects that are gone.
    func rescanAll() {
        var kept: Set<Int32> = []
        do {
            let root = try inotify.addWatch(bucketsDirectory, mask: Self.rootMask)
            directories[root] = rootDirectory
            kept.insert(root)
        } catch {
            configuration.onProblem(error)
        }
        var found: [BucketWalker.Found] = []
        let walker = makeWalker { kept.insert($0) }
        switch BucketWalker.buckets(in: bucketsDirectory) {
        case .success(let buckets):
            for bucket in buckets {
                walker.walk(
                    bucket: bucket.name,
                    bucketRoot: bucket.root,
                    directory: bucket.root,
                    prefix: "",
                    into: &found
                )
            }
        case .failure(let error):
            configuration.onProblem(error)
        }
        for descriptor in directories.keys where !kept.contains(descriptor) {
            inotify.removeWatch(descriptor)
            directories[descriptor] = nil
        }
        let present = Set(found.map(\.key))
        for object in found.sorted(by: { $0.key < $1.key }) { discover(object, .settle) }
        for key in reported.keys.filter({ !present.contains($0) }).sorted() {
            reported[key] = nil
            ready.append(.deleted(key))
        }
        settling = settling.filter { present.contains($0.key) }
    }

    /// A walker that watches every folder it enters and tells `watched` the descriptor.
    private func makeWalker(watched: @escaping (Int32) -> Void) -> BucketWalker {
        BucketWalker(
            enterDirectory: { [self] path, bucket, bucketRoot, prefix in
                switch watchFolder(path, bucket: bucket, bucketRoot: bucketRoot, prefix: prefix) {
                case .watched(let descriptor):
                    watched(descriptor)
                    return true
                case .listOnly:
                    return true
                case .skip:
                    return false
                }
            },
            onProblem: configuration.onProblem
        )
    }

    private enum WatchOutcome {
        case watched(Int32)
        /// Not watched (the watch limit, say), but its objects can still be listed once.
        case listOnly
        case skip
    }

    private func watchFolder(_ path: String, bucket: String, bucketRoot: String, prefix: String) -> WatchOutcome {
        do {
            let descriptor = try inotify.addWatch(path, mask: Self.folderMask)
            directories[descriptor] = Directory(bucket: bucket, bucketRoot: bucketRoot, prefix: prefix, path: path)
            return .watched(descriptor)
        } catch {
            switch error.errno {
            case ENOENT, ENOTDIR:
                // Gone or replaced before it could be watched: nothing to report there.
                return .skip
            case ENOSPC, ENOMEM:
                configuration.onProblem(error)
                return .listOnly
            default:
                configuration.onProblem(error)
                return .skip
            }
        }
    }

    /// Handles an object a listing found.
    private func discover(_ object: BucketWalker.Found, _ discovery: Discovery) {
        let identity = object.info.identity
        switch discovery {
        case .baseline:
            reported[object.key] = Reported(identity: identity, origin: .scan)
        case .settle:
            guard reported[object.key]?.identity != identity else { return }
            // Found again unchanged while settling: keep the earlier deadline.
            guard settling[object.key]?.identity != identity else { return }
            settle(
                object.key,
                Settling(
                    path: object.path,
                    bucketRoot: object.bucketRoot,
                    identity: identity,
                    reason: object.isLink ? .copyObject : .putObject,
                    deadline: .now + configuration.settleDelay
                )
            )
        case .immediate(let reason):
            guard reported[object.key]?.identity != identity else { return }
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
}
