/// The events of an inotify instance as an `AsyncSequence`.
///
/// `Inotify` owns the descriptor (non-blocking, close-on-exec) and adds and removes watches; iterating it yields the
/// decoded events. Events are read from the kernel only when the iterator asks for more, and waiting for them parks
/// no thread of Swift's cooperative pool. One reader at a time: two iterators waiting at once trap.
///
/// ```swift
/// let inotify = try Inotify()
/// let wd = try inotify.addWatch("/var/lib/sluice/buckets", mask: [.create, .closeWrite])
/// for try await event in inotify { ... }
/// ```
package struct Inotify: AsyncSequence, Sendable {
    package typealias Element = Event
    package typealias Failure = any Error

    private let storage: Storage

    /// A new inotify instance with no watches.
    package init() throws(WatchError) {
        storage = try Storage()
    }

    /// Starts watching `path` for the events in `mask`; the returned descriptor identifies its events.
    ///
    /// Watching a path already watched (the same inode) returns the same descriptor with the mask replaced.
    package func addWatch(_ path: String, mask: Mask) throws(WatchError) -> Int32 {
        try SystemCalls.addWatch(storage.descriptor, path: path, mask: mask)
    }

    /// Stops a watch; the kernel then reports `.ignored` for it.
    package func removeWatch(_ watchDescriptor: Int32) {
        SystemCalls.removeWatch(storage.descriptor, watch: watchDescriptor)
    }

    /// Wakes the iterator waiting for events with `Wait.interrupted` (or the next wait, if nobody waits now), so
    /// another task can make it look at something else.
    package func interrupt() {
        storage.interrupt()
    }

    /// Ends iteration: a waiting iterator and every later `next()` return nil.
    package func close() {
        storage.close()
    }

    /// Whether `close()` was called.
    package var isClosed: Bool {
        storage.isClosed
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(storage: storage)
    }

    /// How a wait for the next event ended.
    package enum Wait: Sendable {
        case event(Event)
        /// The timeout given to `next(timeout:)` passed first.
        case timedOut
        /// `interrupt()` was called.
        case interrupted
        /// The instance was closed or the waiting task cancelled: there will be no more events.
        case finished
    }

    /// Reads events on demand and hands them out one at a time.
    package struct AsyncIterator: AsyncIteratorProtocol {
        package typealias Element = Event
        package typealias Failure = any Error

        /// Keeps the descriptor open for as long as the iterator lives.
        private let storage: Storage
        private var buffered: [Event] = []
        private var position = 0

        fileprivate init(storage: Storage) {
            self.storage = storage
        }

        /// The next event; nil once the instance is closed or the task cancelled.
        package mutating func next() async throws -> Event? {
            while true {
                switch try await next(timeout: nil) {
                case .event(let event): return event
                case .timedOut, .interrupted: continue
                case .finished: return nil
                }
            }
        }

        /// The next event, or why there is none yet: waits at most `timeout` (forever when nil).
        package mutating func next(timeout: Duration?) async throws -> Wait {
            while true {
                if storage.isClosed { return .finished }
                if position < buffered.count {
                    defer { position += 1 }
                    return .event(buffered[position])
                }
                if try readQueued() { continue }
                switch await storage.waitUntilReadable(timeout: timeout) {
                case .readable: continue
                case .timedOut: return .timedOut
                case .interrupted: return .interrupted
                case .cancelled, .closed: return .finished
                }
            }
        }

        /// Drops every event already read or still queued in the kernel, as a queue overflow would.
        package mutating func discardQueued() throws {
            while try readQueued() { buffered.removeAll() }
            buffered.removeAll()
            position = 0
        }

        /// One non-blocking read into the buffer; false when nothing was queued.
        private mutating func readQueued() throws(WatchError) -> Bool {
            // Big enough for hundreds of events, and for the largest single one (16 bytes + NAME_MAX + 1).
            let capacity = 64 * 1024
            var events: [Event] = []
            let count: Int? = try withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 8) {
                buffer throws(WatchError) in
                guard let count = try SystemCalls.read(storage.descriptor, into: buffer) else { return nil }
                events = Event.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                return count
            }
            // inotify never returns 0 bytes; treating it as "nothing queued" rules out a busy loop all the same.
            guard let count, count > 0 else { return false }
            buffered = events
            position = 0
            return true
        }
    }
}
