import Foundation
import Logging
import SluiceJSON
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Every loaded function with its workers, under one global worker budget: what Task states invoke.
package final class FunctionHost: Sendable {
    /// Where request payloads are serialized (see `invoke`).
    private static let serializer = DispatchQueue(label: "sluice.request-serializer", attributes: .concurrent)

    /// Functions that loaded, by name.
    package let definitions: [String: FunctionDefinition]
    /// Files that did not load, with what is wrong (each such function is unavailable; the others work).
    package let problems: [FunctionDefinition.Problem]
    private let pools: [String: FunctionPool]
    private let budget: ConcurrencyBudget
    /// The agents connected to sluiced, shared with the hosts before and after this one.
    package let agents: AgentRoster
    /// What the functions did (invocations, errors, throttles, durations, concurrency).
    package let statistics: FunctionStatistics

    /// Loads `functions/*.json` from `directory`, each with its overlay from `overlays` (var/lib/sluice/config/
    /// functions: what the API changed) laid over it. With `usersInGroup`, a function's `User` must be a member of
    /// that group (sluiced's: who may drive sluiced is who its workers may run as).
    package convenience init(
        directory: String,
        overlays: String? = nil,
        maxWorkers: Int,
        logger: Logger,
        grace: Double = 2,
        usersInGroup: gid_t? = nil,
        statistics: FunctionStatistics = FunctionStatistics(),
        agents: AgentRoster = AgentRoster()
    ) {
        let loaded = Self.loadDefinitions(directory: directory, overlays: overlays, usersInGroup: usersInGroup)
        self.init(
            definitions: loaded.definitions,
            problems: loaded.problems,
            maxWorkers: maxWorkers,
            logger: logger,
            grace: grace,
            statistics: statistics,
            agents: agents
        )
    }

    package init(
        definitions: [FunctionDefinition],
        problems: [FunctionDefinition.Problem] = [],
        maxWorkers: Int,
        logger: Logger,
        grace: Double = 2,
        statistics: FunctionStatistics = FunctionStatistics(),
        agents: AgentRoster = AgentRoster()
    ) {
        // A worker that dies while we write to it must not take sluice down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var reservations: [String: Int] = [:]
        var elsewhere: [String: Int] = [:]
        for d in definitions {
            if let r = d.reservedConcurrency { reservations[d.name] = r }
            // A function on Slurm runs as many at once as its agents (MaxWorkers), or its reservation if lower.
            if case .slurm(let placement) = d.placement {
                elsewhere[d.name] = min(placement.maxWorkers, d.reservedConcurrency ?? placement.maxWorkers)
            }
        }
        let budget = ConcurrencyBudget(maxWorkers: maxWorkers, reservations: reservations, elsewhere: elsewhere)
        self.budget = budget
        self.statistics = statistics
        self.agents = agents
        self.problems = problems
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.pools = self.definitions.mapValues {
            FunctionPool(
                definition: $0,
                budget: budget,
                agents: agents,
                recorder: statistics.recorder(for: $0),
                logger: logger,
                grace: grace
            )
        }
    }

    /// Starts the provisioned workers of every function.
    package func start() async {
        for pool in pools.values { await pool.startProvisioned() }
    }

    /// Invokes function `name`; nil when no such function is loaded.
    package func invoke(
        _ name: String,
        payload: JSONValue,
        requestId: String
    ) async -> Result<JSONValue, FunctionError>? {
        guard let pool = pools[name], let definition = definitions[name] else { return nil }
        // Serialized here, on the caller's task, before waiting for a worker: never inside the pool's actor, and
        // never between a worker becoming free and its next request.
        // A function placed on agents gets the persistent worker's request line whatever its Runtime.
        let onAgents = agents.places(name)
        let runtime = onAgents ? .persistent : definition.runtime
        let timeout = definition.timeout
        // On a thread outside Swift's cooperative pool: a batch takes a millisecond or more to serialize, and the
        // pool's few threads are what hands a finished worker its next request; keeping them free keeps the
        // workers fed.
        let request: [UInt8] = await withCheckedContinuation { continuation in
            FunctionHost.serializer.async {
                switch runtime {
                case .process: continuation.resume(returning: payload.serializedBytes())
                case .persistent:
                    let line = PersistentWorker.requestLine(
                        payload: payload,
                        requestId: requestId,
                        timeout: timeout,
                        expectedCount: pool.lastRequestLineCount.load(ordering: .relaxed)
                    )
                    pool.lastRequestLineCount.store(line.count, ordering: .relaxed)
                    continuation.resume(returning: line)
                }
            }
        }
        return await pool.invoke(request: request, requestId: requestId, onAgents: onAgents)
    }

    /// Stops idle on-demand workers that have been idle for `idleTime`.
    package func reapIdle(idleTime: Duration) async {
        for pool in pools.values { await pool.reapIdle(idleTime: idleTime) }
    }

    /// Keeps the pools tidy until cancelled: every `interval`, on-demand workers idle for `idleTime` are stopped
    /// (provisioned ones stay). Run it beside whatever invokes functions.
    package func maintain(idleTime: Duration = .seconds(60), interval: Duration = .seconds(5)) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            await reapIdle(idleTime: idleTime)
        }
    }

    /// Stops every worker.
    package func shutdown() async {
        for pool in pools.values { await pool.stopAll() }
    }

    /// The pids of the workers started so far for `name` (tests, status).
    package func workerPids(_ name: String) async -> [Int32] {
        await pools[name]?.started ?? []
    }

    /// Workers running an invocation now, all functions together (systemd's STATUS= line).
    package func busyWorkers() async -> Int {
        var total = 0
        for pool in pools.values { total += pool.busyCount }
        return total
    }

    /// Idle and busy worker counts for `name`.
    package func workerCounts(_ name: String) async -> (idle: Int, busy: Int) {
        guard let pool = pools[name] else { return (0, 0) }
        return (await pool.idleCount, pool.busyCount)
    }
}
