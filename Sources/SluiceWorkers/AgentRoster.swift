import Synchronization

/// The agents connected now, by function, and the functions that run on agents (those with an open submission).
/// Outlives function hosts (a reload keeps the connected agents): every host of a daemon shares one.
///
/// An invocation of a function placed on agents waits here for a free agent (after its concurrency slot): one
/// invocation at a time per agent. Waiters are served in arrival order; a cancelled waiter leaves the queue.
///
/// Its state sits behind a lock, not in the actor's isolation: an invocation's checkout (when an agent is free) and
/// checkin take no hop onto the actor, which with 1,000 agents was the dispatcher's bottleneck. The connections'
/// side (add, remove) and the readers (counts, waiting) stay the actor's methods, as their callers know them.
package actor AgentRoster {
    private struct Waiter {
        var id: Int
        var continuation: UnsafeContinuation<RemoteWorker?, Never>
    }

    /// The agents of one function.
    private struct Agents {
        var connected: [ObjectIdentifier: RemoteWorker] = [:]
        /// Free agents, the last one back first.
        var idle: [RemoteWorker] = []
        /// Invocations waiting for an agent: only while none is idle.
        var waiters = WaitQueue<Waiter>()
    }

    private struct State {
        var functions: [String: Agents] = [:]
        var nextWaiter = 0
        /// When each idle agent last became idle, for releasing the ones idle too long.
        var idleSince: [ObjectIdentifier: ContinuousClock.Instant] = [:]

        /// A free agent still connected, taken off the idle stack in place.
        mutating func takeIdle(_ function: String) -> RemoteWorker? {
            while let worker = functions[function]?.idle.popLast() {
                if worker.isAlive { return worker }
            }
            return nil
        }

        /// A connected agent made free: the waiter it goes to (to resume outside the lock), or nil when it is idle.
        mutating func hand(_ worker: RemoteWorker) -> Waiter? {
            if let waiter = functions[worker.function]?.waiters.popFirst() { return waiter }
            functions[worker.function, default: Agents()].idle.append(worker)
            idleSince[ObjectIdentifier(worker)] = .now
            return nil
        }

        /// An agent taken out of service: neither connected nor idle any more.
        mutating func remove(_ worker: RemoteWorker) {
            functions[worker.function]?.connected[ObjectIdentifier(worker)] = nil
            functions[worker.function]?.idle.removeAll { $0 === worker }
            idleSince[ObjectIdentifier(worker)] = nil
        }
    }

    /// Open submissions by function; read without a hop onto the actor on every invocation's path.
    private nonisolated let submissions = Mutex<[String: Int]>([:])
    private nonisolated let state = Mutex(State())

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
        let waiter = state.withLock { state in
            state.functions[worker.function, default: Agents()].connected[ObjectIdentifier(worker)] = worker
            return state.hand(worker)
        }
        waiter?.continuation.resume(returning: worker)
    }

    /// An agent's connection ended.
    package func remove(_ worker: RemoteWorker) {
        state.withLock { $0.remove(worker) }
    }

    /// The agents of `function` connected now, by their submission.
    package func connectedBySubmission(_ function: String) -> [String: Int] {
        state.withLock { state in
            var counts: [String: Int] = [:]
            for worker in (state.functions[function]?.connected ?? [:]).values {
                counts[worker.submission, default: 0] += 1
            }
            return counts
        }
    }

    /// Takes out of service the agents of `function` idle for `idleFor` or longer, longest idle first, leaving at
    /// least `keep` connected: they get no invocation from now on and are the caller's to end. Only agents of the
    /// submissions `releasable` accepts are taken (the agents of a Slurm step job are not ended one by one).
    package func releaseIdle(
        _ function: String,
        idleFor: Duration,
        keep: Int,
        releasable: @Sendable (_ submission: String) -> Bool = { _ in true }
    ) -> [RemoteWorker] {
        let cutoff = ContinuousClock.now - idleFor
        return state.withLock { state in
            guard let agents = state.functions[function] else { return [] }
            let spare = agents.connected.count - keep
            guard spare > 0 else { return [] }
            let since = state.idleSince
            let stale = agents.idle.filter {
                releasable($0.submission) && (since[ObjectIdentifier($0)] ?? cutoff) <= cutoff
            }
            .sorted { since[ObjectIdentifier($0)] ?? cutoff < since[ObjectIdentifier($1)] ?? cutoff }
            .prefix(spare)
            for worker in stale { state.remove(worker) }
            return Array(stale)
        }
    }

    /// Takes out of service every connected agent of `submission` at once, when all of them have been idle for
    /// `idleFor` or longer; nil (and nothing taken) when one of them is busy or idle for less, or none is connected.
    /// For a Slurm allocation that is given back whole.
    package func releaseSubmission(_ function: String, _ submission: String, idleFor: Duration) -> [RemoteWorker]? {
        let cutoff = ContinuousClock.now - idleFor
        return state.withLock { state in
            guard let agents = state.functions[function] else { return nil }
            let members = agents.connected.values.filter { $0.submission == submission }
            let idle = Set(agents.idle.map(ObjectIdentifier.init))
            guard !members.isEmpty,
                members.allSatisfy({
                    idle.contains(ObjectIdentifier($0)) && (state.idleSince[ObjectIdentifier($0)] ?? cutoff) <= cutoff
                })
            else { return nil }
            for worker in members { state.remove(worker) }
            return members
        }
    }

    /// The agents connected for `function`: (idle, busy).
    package func counts(_ function: String) -> (idle: Int, busy: Int) {
        state.withLock { state in
            let all = state.functions[function]?.connected.count ?? 0
            let free = state.functions[function]?.idle.count ?? 0
            return (free, all - free)
        }
    }

    /// The invocations of `function` waiting for a free agent.
    package func waiting(_ function: String) -> Int {
        state.withLock { $0.functions[function]?.waiters.count ?? 0 }
    }

    /// A free agent of `function`, waited for; nil when the waiting task is cancelled.
    nonisolated func checkout(_ function: String) async -> RemoteWorker? {
        let first = state.withLock { state -> (worker: RemoteWorker?, waiter: Int) in
            if let worker = state.takeIdle(function) { return (worker, 0) }
            defer { state.nextWaiter += 1 }
            return (nil, state.nextWaiter)
        }
        if let worker = first.worker { return worker }
        let id = first.waiter
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                // Decided again under the lock that queues it: an agent freed since the first look is not missed.
                enum Decision { case took(RemoteWorker), cancelled, queued }
                let decision = state.withLock { state -> Decision in
                    if let worker = state.takeIdle(function) { return .took(worker) }
                    // Cancelled before queueing: the cancellation handler found nothing to remove.
                    if Task.isCancelled { return .cancelled }
                    state.functions[function, default: Agents()].waiters.append(
                        Waiter(id: id, continuation: continuation)
                    )
                    return .queued
                }
                switch decision {
                case .took(let worker): continuation.resume(returning: worker)
                case .cancelled: continuation.resume(returning: nil)
                case .queued: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.functions[function]?.waiters.remove { $0.id == id } }
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// An agent done with its invocation: to the next waiter, or idle.
    nonisolated func checkin(_ worker: RemoteWorker) {
        guard worker.isAlive else { return }
        let waiter = state.withLock { state -> Waiter? in
            guard state.functions[worker.function]?.connected[ObjectIdentifier(worker)] != nil else { return nil }
            return state.hand(worker)
        }
        waiter?.continuation.resume(returning: worker)
    }
}
