import SluiceInterpreter
import SluiceJSON
import Synchronization

/// The callback Tasks waiting in this process, by token: where SendTaskSuccess, SendTaskFailure and
/// SendTaskHeartbeat (from the API or `sluice`) reach the execution that waits.
///
/// A runner opens a token when it starts the Task's integration and the token closes when the task ends (a
/// callback delivered, a timeout, the execution's end), so a second SendTaskSuccess finds nothing. Nothing here is
/// saved: after a restart the replayed execution opens the same token again.
package final class TaskCallbacks: Sendable {
    /// What became of a callback.
    package enum Delivery: Sendable, Hashable {
        case delivered
        /// No task waits on this token here (it ended, or its execution is not running).
        case notWaiting
    }

    private struct Waiting {
        var executionArn: String
        var invocation: Int
        var sink: AsyncStream<ExecutionEvent>.Continuation
    }

    private struct Handling: Hashable {
        var executionArn: String
        var invocation: Int
    }

    private struct State {
        var waiting: [String: Waiting] = [:]
        /// The same tokens by execution and invocation, so that closing one is not a search through all.
        var tokens: [String: [Int: String]] = [:]
        /// Executions whose runner carries on here (replayed, if it was): any token they wait on is open.
        var running: Set<String> = []

        mutating func remove(_ token: String) -> Waiting? {
            guard let found = waiting.removeValue(forKey: token) else { return nil }
            tokens[found.executionArn]?[found.invocation] = nil
            if tokens[found.executionArn]?.isEmpty == true { tokens[found.executionArn] = nil }
            return found
        }
    }

    private let state = Mutex(State())
    /// Deliveries waiting until their runner has journaled them.
    private let handling = Mutex<[Handling: [CheckedContinuation<Void, Never>]]>([:])

    package init() {}

    /// Starts waiting for `token`: what comes back for it goes to `sink` as events of invocation `invocation`.
    package func open(
        _ token: String,
        executionArn: String,
        invocation: Int,
        sink: AsyncStream<ExecutionEvent>.Continuation
    ) {
        state.withLock { state in
            state.waiting[token] = Waiting(executionArn: executionArn, invocation: invocation, sink: sink)
            state.tokens[executionArn, default: [:]][invocation] = token
        }
    }

    /// The runner of `executionArn` has rebuilt it (a replay after a restart) and runs it: from now on a token of
    /// it that is not open is one no task waits on.
    package func started(executionArn: String) {
        state.withLock { _ = $0.running.insert(executionArn) }
    }

    /// Whether the execution runs here with its tokens open (false while a restart is still replaying it).
    package func isRunning(_ executionArn: String) -> Bool {
        state.withLock { $0.running.contains(executionArn) }
    }

    /// The task of invocation `invocation` of `executionArn` ended some other way (a timeout, its integration
    /// failed, its branch was cancelled).
    package func close(executionArn: String, invocation: Int) {
        state.withLock { state in
            if let token = state.tokens[executionArn]?[invocation] { _ = state.remove(token) }
        }
    }

    /// The execution stopped running here: none of its tokens can be answered any more, and whoever delivered one
    /// it never handled may go on.
    package func closeAll(executionArn: String) {
        state.withLock { state in
            state.running.remove(executionArn)
            guard let closed = state.tokens.removeValue(forKey: executionArn) else { return }
            for token in closed.values { state.waiting[token] = nil }
        }
        let left = handling.withLock { handling -> [CheckedContinuation<Void, Never>] in
            guard !handling.isEmpty else { return [] }
            let keys = handling.keys.filter { $0.executionArn == executionArn }
            return keys.flatMap { handling.removeValue(forKey: $0) ?? [] }
        }
        for continuation in left { continuation.resume() }
    }

    /// SendTaskSuccess: the task's result.
    package func succeed(_ token: String, output: JSONValue) async -> Delivery {
        await deliver(token, closing: true) { .taskSucceeded(token: $0, output: output) }
    }

    /// SendTaskFailure: the state fails with `error` and `cause` (Retry and Catch apply).
    package func fail(_ token: String, error: String?, cause: String?) async -> Delivery {
        await deliver(token, closing: true) { .taskFailed(token: $0, error: error, cause: cause) }
    }

    /// SendTaskHeartbeat: HeartbeatSeconds starts again.
    package func heartbeat(_ token: String) async -> Delivery {
        await deliver(token, closing: false) { .taskHeartbeat(token: $0) }
    }

    /// The runner of `executionArn` handled `event` and put it in its journal: whoever delivered it may go on.
    package func handled(_ event: ExecutionEvent, executionArn: String) {
        let invocation: Int
        switch event {
        case .taskSucceeded(let token, _), .taskFailed(let token, _, _), .taskHeartbeat(let token): invocation = token
        default: return
        }
        let key = Handling(executionArn: executionArn, invocation: invocation)
        for continuation in handling.withLock({ $0.removeValue(forKey: key) ?? [] }) { continuation.resume() }
    }

    /// Hands the event to the runner and returns once the runner has journaled it (or stopped), so that an answer
    /// given after it is not lost to a crash once the journal is flushed.
    private func deliver(_ token: String, closing: Bool, _ event: (Int) -> ExecutionEvent) async -> Delivery {
        // Taken out under the lock, so two SendTaskSuccess at once deliver one result, not two.
        let found = state.withLock { closing ? $0.remove(token) : $0.waiting[token] }
        guard let found else { return .notWaiting }
        let key = Handling(executionArn: found.executionArn, invocation: found.invocation)
        let event = event(found.invocation)
        var delivered = true
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            handling.withLock { $0[key, default: []].append(continuation) }
            if case .terminated = found.sink.yield(event) {
                delivered = false
                handled(event, executionArn: found.executionArn)
            }
        }
        return delivered ? .delivered : .notWaiting
    }
}
