import Synchronization

/// Who waits for which execution to end: startExecution.sync tasks waiting for their child. ExecutionRun tells it
/// each end it has recorded; a waiter looks at the store after registering, so an end recorded before it
/// registered is not missed.
final class ExecutionEndings: Sendable {
    private struct Waiters {
        var next = 0
        var byArn: [String: [Int: AsyncStream<Void>.Continuation]] = [:]
    }

    private let waiters = Mutex(Waiters())

    init() {}

    /// Returns when `executionArn` ends (told by `ended`), at once when `hasEnded` says it has, or when the task is
    /// cancelled.
    func wait(for executionArn: String, hasEnded: () -> Bool) async {
        let (told, sink) = AsyncStream<Void>.makeStream()
        let id = waiters.withLock { w in
            w.next += 1
            w.byArn[executionArn, default: [:]][w.next] = sink
            return w.next
        }
        defer {
            waiters.withLock { w in
                w.byArn[executionArn]?[id] = nil
                if w.byArn[executionArn]?.isEmpty == true { w.byArn[executionArn] = nil }
            }
        }
        if hasEnded() { return }
        for await _ in told { return }
    }

    /// The end of `executionArn` is recorded: its waiters go on.
    func ended(_ executionArn: String) {
        let sinks = waiters.withLock { $0.byArn[executionArn].map { Array($0.values) } ?? [] }
        for sink in sinks { sink.yield() }
    }
}
