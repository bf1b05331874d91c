import Glibc
import SluiceCore
import SluiceLinux

/// The bucket watcher's I/O: the inotify watches and which folder each is on, the walks, the stat calls and the
/// hashing. What those findings mean (which objects were reported, which wait to settle, which events are ready)
/// is decided by its `StateMachine`. Owned by the watcher's single iterator, so it needs no lock.
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

    static let rootMask: Inotify.Mask = [.create, .delete, .movedFrom, .movedTo, .onlyDirectory]
    // No .modify: a file is reported when its writer closes it, and a watch that never sees each write keeps the
    // kernel queue small while large files are copied in.
    static let folderMask: Inotify.Mask = [
        .closeWrite, .create, .delete, .movedFrom, .movedTo, .onlyDirectory, .dontFollow, .excludeUnlinked,
    ]
    let inotify: Inotify
    let bucketsDirectory: String
    let factory: ObjectEventFactory
    let configuration: BucketWatcher.Configuration

    private var directories: [Int32: Directory] = [:]
    private var machine: StateMachine

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
        machine = StateMachine(settleDelay: configuration.settleDelay)
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
        var knownIdentities: [ObjectKey: FileIdentity]?
        if let known {
            knownIdentities = [:]
            for state in known { knownIdentities?[ObjectKey(bucket: state.bucket, key: state.key)] = state.identity }
        }
        machine.started(found: found.map(\.sighting), known: knownIdentities, now: .now)
        return found.map(\.state)
    }

    private var rootDirectory: Directory {
        Directory(bucket: nil, bucketRoot: bucketsDirectory, prefix: "", path: bucketsDirectory)
    }

    // MARK: - Handing out candidates

    /// The next candidate ready to be reported.
    func nextCandidate() -> Candidate? {
        machine.nextCandidate()
    }

    /// Whether candidates are ready to be reported.
    var hasReadyCandidates: Bool {
        machine.hasReadyCandidates
    }

    /// When the next settling file is due, if any.
    func nextDeadline() -> ContinuousClock.Instant? {
        machine.nextDeadline()
    }

    /// Moves settling files that are due and unchanged to the ready candidates; changed ones wait again.
    func promoteSettled(now: ContinuousClock.Instant) {
        while let due = machine.takeDue(now: now) {
            let object = BucketWalker.objectFile(at: due.waiting.path, bucketRoot: due.waiting.bucketRoot)
            // Asked only of a file about to be reported; an unknown answer reports it, as before leases were asked.
            let beingWritten =
                object?.info.identity == due.waiting.identity && Posix.isOpenForWriting(due.waiting.path) == true
            machine.settled(due.key, due.waiting, found: object?.info.identity, beingWritten: beingWritten, now: now)
        }
    }

    /// Turns a candidate into its event: hashes a created file (skipping it if it is gone or changing) and
    /// records it as reported.
    func emit(_ candidate: Candidate) async -> ObjectEvent? {
        switch candidate {
        case .deleted(let key):
            return factory.deleted(bucket: key.bucket, key: key.key)
        case .created(let key, let path, let bucketRoot, let reason, let origin):
            guard key.key.utf8.count <= ObjectKey.maximumLength else {
                configuration.onProblem(
                    .notAnObject(
                        path,
                        "its key is \(key.key.utf8.count) bytes, longer than S3's \(ObjectKey.maximumLength)"
                    )
                )
                return nil
            }
            switch await ContentHasher.hash(path: path, bucketRoot: bucketRoot) {
            case .hashed(let size, let etag, let identity):
                machine.emitted(key, identity: identity, origin: origin)
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
            configuration.onQueueOverflow()
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
                let reason = machine.arrived(cookie: event.cookie)
                add(
                    bucket: bucket,
                    bucketRoot: directory.bucketRoot,
                    directory: path,
                    prefix: prefix,
                    .immediate(reason)
                )
            } else if event.mask.contains(.movedFrom) || event.mask.contains(.delete) {
                let hadObjects = forget(bucket: bucket, prefix: prefix)
                if event.mask.contains(.movedFrom) { machine.movedAway(cookie: event.cookie, wasObject: hadObjects) }
            }
            return
        }
        guard ObjectName.isObject(name) else { return }
        if event.mask.contains(.closeWrite) {
            written(key, path: path, bucketRoot: directory.bucketRoot, reason: .putObject)
        } else if event.mask.contains(.movedTo) {
            // A rename from another object's name is S3's copy; a rename of an upload's temporary file is the
            // upload completing, a PutObject.
            let reason = machine.arrived(cookie: event.cookie)
            written(key, path: path, bucketRoot: directory.bucketRoot, reason: reason, arrivedWhole: true)
        } else if event.mask.contains(.create) {
            linked(key, path: path, bucketRoot: directory.bucketRoot)
        } else if event.mask.contains(.delete) || event.mask.contains(.movedFrom) {
            let wasObject = machine.removed(key)
            if event.mask.contains(.movedFrom) { machine.movedAway(cookie: event.cookie, wasObject: wasObject) }
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
                event.mask.contains(.create) ? .settle : .immediate(machine.arrived(cookie: event.cookie))
            add(bucket: name, bucketRoot: bucketRoot, directory: bucketRoot, prefix: "", discovery)
        } else if event.mask.contains(.delete) || event.mask.contains(.movedFrom) {
            let hadObjects = forget(bucket: name, prefix: "")
            if event.mask.contains(.movedFrom) { machine.movedAway(cookie: event.cookie, wasObject: hadObjects) }
        }
    }

    /// A file finished arriving under `key`: written and closed, or renamed or linked into place (`arrivedWhole`).
    private func written(
        _ key: ObjectKey,
        path: String,
        bucketRoot: String,
        reason: ObjectEvent.Reason,
        arrivedWhole: Bool = false
    ) {
        let object = BucketWalker.objectFile(at: path, bucketRoot: bucketRoot)
        machine.written(
            key,
            path: path,
            bucketRoot: bucketRoot,
            object: object.map { ($0.info.identity, $0.isLink) },
            reason: reason,
            arrivedWhole: arrivedWhole
        )
    }

    /// A name created without being written: reported when it is a symlink or a hard link to existing content.
    private func linked(_ key: ObjectKey, path: String, bucketRoot: String) {
        guard let info = Posix.linkStatus(path),
            StateMachine.isLinked(
                isSymbolicLink: info.isSymbolicLink,
                isRegularFile: info.isRegularFile,
                linkCount: info.linkCount
            )
        else { return }
        written(key, path: path, bucketRoot: bucketRoot, reason: .copyObject, arrivedWhole: true)
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
        for object in found.sorted(by: { $0.key < $1.key }) {
            machine.discovered(object.sighting, discovery, now: .now)
        }
    }

    /// A folder (or bucket, for prefix "") that went away: its objects are deleted and its watches dropped.
    /// Returns whether it held objects.
    @discardableResult
    private func forget(bucket: String, prefix: String) -> Bool {
        let hadObjects = machine.forget(bucket: bucket, prefix: prefix)
        // A folder moved elsewhere keeps its watches (they follow the inode), which would then report keys under
        // the old name; a folder moved within the buckets gets fresh ones when its arrival is handled.
        for (descriptor, directory) in directories {
            guard let owner = directory.bucket, owner.utf8.elementsEqual(bucket.utf8),
                directory.prefix.utf8.starts(with: prefix.utf8)
            else { continue }
            inotify.removeWatch(descriptor)
            directories[descriptor] = nil
        }
        return hadObjects
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
        machine.rescanned(found: found.map(\.sighting), now: .now)
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

}
