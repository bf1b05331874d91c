extension BucketWatcher {
    /// The object events of a watcher, read from inotify on demand.
    package struct Events: AsyncSequence, Sendable {
        package typealias Element = ObjectEvent
        package typealias Failure = any Error

        let watcher: BucketWatcher

        package func makeAsyncIterator() -> AsyncIterator {
            guard let session = watcher.takeSession() else {
                preconditionFailure("the events of a BucketWatcher can be iterated only once")
            }
            return AsyncIterator(watcher: watcher, session: session, inotify: watcher.makeInotifyIterator())
        }

        /// Turns inotify events into object events; ends when the task is cancelled or the watcher closed.
        package struct AsyncIterator: AsyncIteratorProtocol {
            package typealias Element = ObjectEvent
            package typealias Failure = any Error

            private let watcher: BucketWatcher
            private let session: WatchSession
            private var inotify: Inotify.AsyncIterator

            init(watcher: BucketWatcher, session: WatchSession, inotify: Inotify.AsyncIterator) {
                self.watcher = watcher
                self.session = session
                self.inotify = inotify
            }

            package mutating func next() async throws -> ObjectEvent? {
                while !Task.isCancelled && !watcher.isClosed {
                    // Candidates already decided go out before more events are read: a deletion read later must
                    // find the creation before it already reported.
                    if let candidate = session.nextCandidate() {
                        if let event = await session.emit(candidate) { return event }
                        continue
                    }
                    let requests = watcher.takeRequests()
                    if requests.overflow {
                        try inotify.discardQueued()
                        session.handle(Inotify.Event(watchDescriptor: -1, mask: .queueOverflow))
                        continue
                    }
                    if requests.rescan {
                        session.rescanAll()
                        continue
                    }
                    let now = ContinuousClock.now
                    session.promoteSettled(now: now)
                    if session.hasReadyCandidates { continue }
                    let timeout = session.nextDeadline().map { now.duration(to: $0) }
                    switch try await inotify.next(timeout: timeout) {
                    case .event(let event): session.handle(event)
                    case .timedOut, .interrupted: continue
                    case .finished: return nil
                    }
                }
                return nil
            }
        }
    }
}
