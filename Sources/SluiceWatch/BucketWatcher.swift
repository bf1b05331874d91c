import Synchronization

/// Watches every bucket folder and reports objects as S3 reports them to EventBridge.
///
/// A file closed after writing, or renamed into place, is an "Object Created"; a file deleted or moved away is an
/// "Object Deleted". Folders (prefixes) and buckets that appear are watched at once and listed, since files may
/// have arrived before their watch; files found that way are reported once they stop changing
/// (`Configuration.settleDelay`), while their writer's close, if it comes, reports them at once. When the kernel
/// queue overflows, everything is listed again and only what changed is reported.
///
/// The watches are set and the buckets listed in `init`, so once it returns nothing that arrives is missed; the
/// listing is `initialObjects`. Hand `known` the objects a previous run reported to have the differences reported
/// as the first events (the catch-up after a restart).
///
/// ```swift
/// let watcher = try BucketWatcher(bucketsDirectory: store.bucketsDirectory, factory: ObjectEventFactory())
/// for try await object in watcher.events() { route(object.event) }
/// ```
package final class BucketWatcher: Sendable {
    /// How the watcher reports.
    package struct Configuration: Sendable {
        /// How long a file found by a listing must stay unchanged before it is reported.
        package var settleDelay: Duration
        /// Told about folders that cannot be watched or read and files that cannot be hashed; the watcher goes on.
        package var onProblem: @Sendable (WatchError) -> Void
        /// Told each time the kernel's event queue overflowed (more than fs.inotify.max_queued_events waiting), just
        /// before every bucket is listed again: nothing is lost, but a burst that overflows costs a full listing,
        /// which an operator may want to see (and a load test must, to know its burst overflowed).
        package var onQueueOverflow: @Sendable () -> Void

        /// A configuration; the default settle delay is a quarter of a second.
        package init(
            settleDelay: Duration = .milliseconds(250),
            onProblem: @escaping @Sendable (WatchError) -> Void = { _ in },
            onQueueOverflow: @escaping @Sendable () -> Void = {}
        ) {
            self.settleDelay = settleDelay
            self.onProblem = onProblem
            self.onQueueOverflow = onQueueOverflow
        }
    }

    /// The folder holding one folder per bucket.
    package let bucketsDirectory: String
    /// Every object found when the watches were set, sorted by bucket and key.
    package let initialObjects: [ObjectState]

    private let inotify: Inotify
    private let session: Mutex<WatchSession?>
    private let requests = Mutex(Requests())

    /// Watches `bucketsDirectory` and every bucket in it, and lists them.
    ///
    /// - Parameters:
    ///   - factory: makes the events (account, region, sequencers).
    ///   - known: the objects already reported by a previous run; nil takes everything present as reported.
    /// - Throws: `WatchError` when the buckets folder is missing or inotify cannot be set up.
    package init(
        bucketsDirectory: String,
        factory: ObjectEventFactory,
        known: [ObjectState]? = nil,
        configuration: Configuration = Configuration()
    ) throws(WatchError) {
        let inotify = try Inotify()
        let session = WatchSession(
            inotify: inotify,
            bucketsDirectory: bucketsDirectory,
            factory: factory,
            configuration: configuration
        )
        initialObjects = try session.start(known: known)
        self.bucketsDirectory = bucketsDirectory
        self.inotify = inotify
        self.session = Mutex(session)
    }

    /// The object events, in the order they happened; one iteration per watcher.
    package func events() -> Events {
        Events(watcher: self)
    }

    /// Lists every bucket again and reports what changed, as after a queue overflow (e.g. on SIGHUP).
    package func rescan() {
        requests.withLock { $0.rescan = true }
        inotify.interrupt()
    }

    /// Throws away the inotify events queued so far and then behaves as on `IN_Q_OVERFLOW`: the same loss of
    /// events and the same recovery, for tests.
    package func simulateQueueOverflow() {
        requests.withLock { $0.overflow = true }
        inotify.interrupt()
    }

    /// Ends the event sequence: the iteration returns nil, now or at its next step.
    package func close() {
        inotify.close()
    }

    var isClosed: Bool {
        inotify.isClosed
    }

    func takeSession() -> WatchSession? {
        session.withLock { $0.take() }
    }

    func takeRequests() -> Requests {
        requests.withLock { pending in
            defer { pending = Requests() }
            return pending
        }
    }

    func makeInotifyIterator() -> Inotify.AsyncIterator {
        inotify.makeAsyncIterator()
    }

    struct Requests {
        var rescan = false
        var overflow = false
    }
}
