import Synchronization

/// The agents connected now, by function, and the functions that run on agents (those with an open submission).
/// Outlives function hosts (a reload keeps the connected agents): every host of a daemon shares one.
///
/// An invocation of a function placed on agents waits here for a free agent (after its concurrency slot): one
/// invocation at a time per agent. Waiters are served in arrival order; a cancelled waiter leaves the queue.
package actor AgentRoster {
    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<RemoteWorker?, Never>
    }

    /// Open submissions by function; read without a hop onto the actor on every invocation's path.
    private nonisolated let submissions = Mutex<[String: Int]>([:])
    private var idle: [String: [RemoteWorker]] = [:]
    private var connected: [String: [ObjectIdentifier: RemoteWorker]] = [:]
    private var waiters: [String: [Waiter]] = [:]
    /// When each idle agent last became idle, for releasing the ones idle too long.
    private var idleSince: [ObjectIdentifier: ContinuousClock.Instant] = [:]
    private var nextWaiter = 0

    package init() {}

    /// A submission of agents for `function` opened: its invocations now wait for agents.
    package nonisolated func expect(function: String) { submissions.withLock { $0[function, default: 0] += 1 } }

    /// A submission closed (cancelled or done); the function runs locally again once none is left.
    package nonisolated func forget(function: String) {
        submissions.withLock { submissions in
            submissions[function, default: 1] -= 1
            if submissions[function] == 0 { submissions[function] = nil }
        }
    }

    /// Whether `function`'s invocations go to agents.
    package nonisolated func places(_ function: String) -> Bool { submissions.withLock { $0[function] != nil } }

    /// An agent authenticated: it serves its function from now on.
    package func add(_ worker: RemoteWorker) {
        // Its connection may have ended before it got here.
        guard worker.isAlive else { return }
        connected[worker.function, default: [:]][ObjectIdentifier(worker)] = worker
        hand(worker)
    }

    /// An agent's connection ended.
    package func remove(_ worker: RemoteWorker) {
        connected[worker.function]?[ObjectIdentifier(worker)] = nil
        idle[worker.function]?.removeAll { $0 === worker }
        idleSince[ObjectIdentifier(worker)] = nil
    }

    /// The agents of `function` connected now, by their submission.
    package func connectedBySubmission(_ function: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for worker in (connected[function] ?? [:]).values { counts[worker.submission, default: 0] += 1 }
        return counts
    }

    /// How many invocations of `function` wait for a free agent now.
    package func waiting(_ function: String) -> Int { waiters[function]?.count ?? 0 }

    /// Takes out of service the agents of `function` idle for `idleFor` or longer, longest idle first, leaving at
    /// least `keep` connected: they get no invocation from now on and are the caller's to end.
    package func releaseIdle(_ function: String, idleFor: Duration, keep: Int) -> [RemoteWorker] {
        let cutoff = ContinuousClock.now - idleFor
        let spare = (connected[function]?.count ?? 0) - keep
        guard spare > 0, let free = idle[function] else { return [] }
        let stale = free.filter { (idleSince[ObjectIdentifier($0)] ?? cutoff) <= cutoff }
            .sorted { idleSince[ObjectIdentifier($0)] ?? cutoff < idleSince[ObjectIdentifier($1)] ?? cutoff }
            .prefix(spare)
        for worker in stale { remove(worker) }
        return Array(stale)
    }

    /// The agents connected for `function`: (idle, busy).
    package func counts(_ function: String) -> (idle: Int, busy: Int) {
        let all = connected[function]?.count ?? 0
        let free = idle[function]?.count ?? 0
        return (free, all - free)
    }

    /// A free agent of `function`, waited for; nil when the waiting task is cancelled.
    func checkout(_ function: String) async -> RemoteWorker? {
        while let worker = idle[function]?.popLast() {
            if worker.isAlive { return worker }
        }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: nil)
                } else {
                    waiters[function, default: []].append(Waiter(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id, function: function) }
        }
    }

    /// An agent done with its invocation: to the next waiter, or idle.
    func checkin(_ worker: RemoteWorker) {
        guard worker.isAlive, connected[worker.function]?[ObjectIdentifier(worker)] != nil else { return }
        hand(worker)
    }

    private func hand(_ worker: RemoteWorker) {
        // Taken from the queue in place (a copy would retain and release every waiter).
        if waiters[worker.function]?.isEmpty == false, let waiter = waiters[worker.function]?.removeFirst() {
            waiter.continuation.resume(returning: worker)
        } else {
            idle[worker.function, default: []].append(worker)
            idleSince[ObjectIdentifier(worker)] = .now
        }
    }

    private func cancelWaiter(_ id: Int, function: String) {
        guard let index = waiters[function]?.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters[function]!.remove(at: index)
        waiter.continuation.resume(returning: nil)
    }
}
