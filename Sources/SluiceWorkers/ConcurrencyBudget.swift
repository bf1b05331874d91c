import Synchronization

/// Lambda's concurrency model over sluice's global worker budget (`MaxWorkers` in sluiced.json).
///
/// A function with ReservedConcurrency N runs at most N invocations at once, and those N are set aside for it;
/// every other function shares what is left. Invocations beyond a limit wait in arrival order and are never
/// dropped; a waiter that is cancelled (its Task timed out, its execution stopped) leaves the queue.
///
/// Its state sits behind a lock rather than in an actor: a slot taken when one is free, and every slot given back,
/// cost no hop onto another executor (nor a Task to release it), on the path of every invocation.
final class ConcurrencyBudget: Sendable {
    /// The pool an invocation draws from: a function's own reservation, or the shared rest.
    enum Pool: Hashable, Sendable {
        case reserved(String)
        case shared
    }

    private struct Waiter {
        var id: Int
        var continuation: UnsafeContinuation<Void, any Error>
    }

    private struct State {
        var inUse: [Pool: Int] = [:]
        var waiters: [Pool: WaitQueue<Waiter>] = [:]
        var nextWaiter = 0

        /// A slot of `pool` if one is free and nobody waits before us.
        mutating func take(_ pool: Pool, limit: Int) -> Bool {
            guard waiters[pool]?.isEmpty ?? true, inUse[pool, default: 0] < limit else { return false }
            inUse[pool, default: 0] += 1
            return true
        }
    }

    private let limits: [Pool: Int]
    private let state = Mutex(State())

    /// `reservations`: function name → ReservedConcurrency. `elsewhere`: functions whose workers run on other
    /// machines (Slurm agents) → their own limit, which takes nothing from this machine's workers.
    init(maxWorkers: Int, reservations: [String: Int], elsewhere: [String: Int] = [:]) {
        var limits: [Pool: Int] = [:]
        let local = reservations.filter { elsewhere[$0.key] == nil }
        for (name, n) in local { limits[.reserved(name)] = n }
        for (name, n) in elsewhere { limits[.reserved(name)] = n }
        // Lambda keeps part of the account's concurrency unreserved; sluice keeps at least one worker.
        limits[.shared] = max(1, maxWorkers - local.values.reduce(0, +))
        self.limits = limits
    }

    func pool(for function: String) -> Pool {
        limits[.reserved(function)] != nil ? .reserved(function) : .shared
    }

    func limit(of pool: Pool) -> Int { limits[pool] ?? 0 }

    func running(in pool: Pool) -> Int { state.withLock { $0.inUse[pool, default: 0] } }

    /// Waits for a slot in the function's pool; `waited` when the pool was full (a throttle, as Lambda counts it).
    /// A waiter cancelled while queued throws.
    func acquire(_ function: String) async throws -> (pool: Pool, waited: Bool) {
        let pool = pool(for: function)
        let limit = limit(of: pool)
        let id = state.withLock { state -> Int? in
            if state.take(pool, limit: limit) { return nil }
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        guard let id else { return (pool, false) }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                // Decided again under the lock that queues it: a slot released since the first look is not missed.
                enum Decision { case took, cancelled, queued }
                let decision = state.withLock { state -> Decision in
                    if state.take(pool, limit: limit) { return .took }
                    // Cancelled before queueing: the cancellation handler found nothing to remove.
                    if Task.isCancelled { return .cancelled }
                    state.waiters[pool, default: WaitQueue()].append(Waiter(id: id, continuation: continuation))
                    return .queued
                }
                switch decision {
                case .took: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            cancel(id, in: pool)
        }
        // The pool was full when it came: a throttle, as Lambda counts it, even if a slot freed before it queued.
        return (pool, true)
    }

    /// Gives a slot back; the longest waiter of that pool gets it.
    func release(_ pool: Pool) {
        let next = state.withLock { state -> Waiter? in
            // Taken from the queue in place: a copy of the queue retained and released every waiter.
            if let next = state.waiters[pool]?.popFirst() { return next }  // the slot passes on: inUse stays
            state.inUse[pool, default: 1] -= 1
            return nil
        }
        next?.continuation.resume()
    }

    private func cancel(_ id: Int, in pool: Pool) {
        let waiter = state.withLock { $0.waiters[pool]?.remove { $0.id == id } }
        waiter?.continuation.resume(throwing: CancellationError())
    }
}
