/// Lambda's concurrency model over sluice's global worker budget (`MaxWorkers` in sluiced.json).
///
/// A function with ReservedConcurrency N runs at most N invocations at once, and those N are set aside for it;
/// every other function shares what is left. Invocations beyond a limit wait in arrival order and are never
/// dropped; a waiter that is cancelled (its Task timed out, its execution stopped) leaves the queue.
actor ConcurrencyBudget {
    /// The pool an invocation draws from: a function's own reservation, or the shared rest.
    enum Pool: Hashable, Sendable {
        case reserved(String)
        case shared
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private var limits: [Pool: Int]
    private var inUse: [Pool: Int] = [:]
    private var waiters: [Pool: [Waiter]] = [:]
    private var nextWaiter = 0

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

    func running(in pool: Pool) -> Int { inUse[pool, default: 0] }

    /// Waits for a slot in the function's pool; `waited` when the pool was full (a throttle, as Lambda counts it).
    /// A waiter cancelled while queued throws.
    func acquire(_ function: String) async throws -> (pool: Pool, waited: Bool) {
        let pool = pool(for: function)
        if waiters[pool, default: []].isEmpty, inUse[pool, default: 0] < limits[pool, default: 0] {
            inUse[pool, default: 0] += 1
            return (pool, false)
        }
        let id = nextWaiter
        nextWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Cancelled before queueing: the cancellation handler found nothing to remove.
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                waiters[pool, default: []].append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.cancel(id, in: pool) }
        }
        return (pool, true)
    }

    /// Gives a slot back; the longest waiter of that pool gets it.
    func release(_ pool: Pool) {
        // Taken from the queue in place: a copy of the queue (1,000 waiters with many agents) retained and released
        // every waiter on every release.
        if waiters[pool]?.isEmpty == false, let next = waiters[pool]?.removeFirst() {
            next.continuation.resume()  // the slot passes on: inUse stays the same
            return
        }
        inUse[pool, default: 1] -= 1
    }

    private func cancel(_ id: Int, in pool: Pool) {
        guard var queue = waiters[pool], let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let waiter = queue.remove(at: index)
        waiters[pool] = queue
        waiter.continuation.resume(throwing: CancellationError())
    }
}
