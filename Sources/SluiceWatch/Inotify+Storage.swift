import Dispatch
import Glibc
import Synchronization

extension Inotify {
    /// Owns the inotify descriptor and the dispatch source that says when it is readable.
    ///
    /// Waiting happens on a Dispatch queue, never on Swift's cooperative pool: the reader parks in a continuation,
    /// the source (running only while someone waits) resumes it. Reading itself is a non-blocking `read(2)` done by
    /// the reader, so events are taken from the kernel only as fast as they are consumed and the kernel's queue (with
    /// its overflow event) is the only buffer.
    final class Storage: Sendable {
        let descriptor: Int32
        private let queue: DispatchQueue
        // Dispatch sources are thread-safe; the protocol just does not declare Sendable. Every call on it is made
        // under `state`'s lock or from deinit.
        nonisolated(unsafe) private let source: any DispatchSourceRead
        private let state = Mutex(StateMachine())

        init() throws(WatchError) {
            descriptor = try SystemCalls.initialize()
            queue = DispatchQueue(label: "sluice.inotify")
            source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            let descriptor = self.descriptor
            // The cancel handler is where Dispatch allows closing a descriptor it watches.
            source.setCancelHandler { SystemCalls.close(descriptor) }
            source.setEventHandler { [weak self] in self?.becameReadable() }
        }

        deinit {
            let teardown = state.withLock { $0.teardown() }
            source.cancel()
            if case .cancelThenResume = teardown { source.resume() }
        }

        /// Waits until the descriptor is readable, the timeout passes, `interrupt()` or `close()` is called, or the
        /// task is cancelled.
        func waitUntilReadable(timeout: Duration?) async -> Wakeup {
            let id = state.withLock { $0.makeWaitID() }
            return await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Wakeup, Never>) in
                    let waiting = apply { machine in
                        let action = machine.startWaiting(id: id, continuation: continuation)
                        return (action, action.resumption == nil)
                    }
                    guard waiting, let timeout else { return }
                    queue.asyncAfter(deadline: .now() + Self.interval(timeout)) { [weak self] in
                        self?.apply { ($0.timedOut(id: id), ()) }
                    }
                }
            } onCancel: {
                apply { ($0.cancelled(id: id), ()) }
            }
        }

        var isClosed: Bool {
            state.withLock { $0.isClosed }
        }

        /// Wakes the waiting reader (or the next one to wait) with `.interrupted`.
        func interrupt() {
            apply { ($0.interrupt(), ()) }
        }

        /// Ends the sequence: the reader wakes with `.closed` and later waits return at once. The descriptor itself
        /// stays open until the storage is released, so a reader still holding it never reads a reused number.
        func close() {
            apply { ($0.close(), ()) }
        }

        private func becameReadable() {
            apply { ($0.becameReadable(), ()) }
        }

        /// Runs a transition, applies its source change under the lock and resumes its continuation outside it.
        @discardableResult
        private func apply<Result: Sendable>(
            _ transition: (inout StateMachine) -> (StateMachine.Action, Result)
        ) -> Result {
            let (resumption, result) = state.withLock { machine -> (StateMachine.Resumption?, Result) in
                let (action, result) = transition(&machine)
                switch action.source {
                case .none: break
                case .resume: source.resume()
                case .suspend: source.suspend()
                }
                return (action.resumption, result)
            }
            resumption?.resume()
            return result
        }

        private static func interval(_ duration: Duration) -> DispatchTimeInterval {
            let (seconds, attoseconds) = duration.components
            guard seconds > 0 || attoseconds > 0 else { return .nanoseconds(0) }
            let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            guard !nanoseconds.overflow, nanoseconds.partialValue < Int64(Int.max) else { return .never }
            return .nanoseconds(Int(nanoseconds.partialValue + attoseconds / 1_000_000_000))
        }
    }
}
