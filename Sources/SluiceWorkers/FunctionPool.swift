import Foundation
import Logging
import SluiceJSON
import Synchronization

/// The workers of one function: warm persistent workers handed out one invocation at a time, provisioned ones
/// started ahead and kept, extra ones started on demand and reaped when idle.
actor FunctionPool {
    let definition: FunctionDefinition
    private let budget: ConcurrencyBudget
    /// The agents (remote workers) of a function placed on them; shared by every pool and host of a daemon.
    private let agents: AgentRoster
    private let recorder: FunctionRecorder
    private let logger: Logger
    private let grace: Double
    private var idle: [(worker: PersistentWorker, since: ContinuousClock.Instant)] = []
    /// Invocations running, on any kind of worker: counted outside the actor, which only the local persistent
    /// workers need.
    private let busy = Atomic(0)
    /// The length of the last request line built for this function: the room the next one is written into (a Map's
    /// batches come in much the same size), so a line of ~250 KB is written once, in place.
    nonisolated let lastRequestLineCount = Atomic(0)
    /// Pids of every worker started, for tests and status.
    private(set) var started: [Int32] = []

    init(
        definition: FunctionDefinition,
        budget: ConcurrencyBudget,
        agents: AgentRoster = AgentRoster(),
        recorder: FunctionRecorder,
        logger: Logger,
        grace: Double
    ) {
        self.definition = definition
        self.budget = budget
        self.agents = agents
        self.recorder = recorder
        self.logger = logger
        self.grace = grace
    }

    /// Starts the ProvisionedConcurrency workers before any invocation arrives.
    func startProvisioned() {
        // A function on Slurm has its provisioned workers there (sluiced submits them as agents).
        guard definition.runtime == .persistent, definition.placement == .local else { return }
        while idle.count < definition.provisionedConcurrency {
            guard let worker = spawnWorker() else { return }
            idle.append((worker, .now))
        }
    }

    /// Runs one invocation under the concurrency limits.
    /// `request` is the prepared bytes: the request line (persistent, or on agents) or the payload (process).
    /// `onAgents`: the function is placed on agents (remote workers take the invocation, never a local one).
    /// Nonisolated: only local persistent workers are the actor's; an invocation on agents or in a process of its
    /// own hops onto it not at all (with 1,000 agents, tens of thousands of invocations a second queued on it).
    nonisolated func invoke(
        request: [UInt8],
        requestId: String,
        onAgents: Bool = false
    ) async -> Result<JSONValue, FunctionError> {
        if definition.reservedConcurrency == 0 {
            recorder.throttled()
            return .failure(.throttled(requestId: requestId))
        }
        let pool: ConcurrencyBudget.Pool
        do {
            let slot = try await budget.acquire(definition.name)
            if slot.waited { recorder.throttled() }
            pool = slot.pool
        } catch {
            // Only a waiter is cancelled: it found the pool full.
            recorder.throttled()
            return .failure(
                FunctionError(
                    errorType: "Sandbox.Cancelled",
                    errorMessage: "RequestId: \(requestId) Error: cancelled while waiting for a worker",
                    requestId: requestId
                )
            )
        }
        defer { budget.release(pool) }
        let began = recorder.began()
        let outcome: Result<JSONValue, FunctionError>
        switch definition.runtime {
        case _ where onAgents:
            busy.add(1, ordering: .relaxed)
            defer { busy.subtract(1, ordering: .relaxed) }
            outcome = await runOnAgent(line: request, requestId: requestId)
        case .process:
            busy.add(1, ordering: .relaxed)
            defer { busy.subtract(1, ordering: .relaxed) }
            outcome = await runProcess(payload: request, requestId: requestId)
        case .persistent: outcome = await runPersistent(line: request, requestId: requestId)
        }
        if case .failure = outcome {
            recorder.ended(since: began, failed: true)
        } else {
            recorder.ended(since: began, failed: false)
        }
        // A worker that crashed, timed out or could not start is the operator's business (a function's own error
        // is the state machine's, which sees it).
        if case .failure(let error) = outcome, Self.workerFailures.contains(error.errorType) {
            logger.warning(
                "function \(definition.name) request \(requestId): \(error.errorType): \(error.errorMessage)",
                metadata: ["sluice.function": .string(definition.name), "sluice.request.id": .string(requestId)]
            )
        }
        return outcome
    }

    static let workerFailures: Set = ["Runtime.ExitError", "Sandbox.Timedout", "Runtime.InvalidEntrypoint"]

    private nonisolated func runProcess(
        payload bytes: [UInt8],
        requestId: String
    ) async -> Result<JSONValue, FunctionError> {
        let definition = definition
        let grace = grace
        let sink = stderrSink()
        // The process is driven by a thread of its own: spawning, polling and reaping block.
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    returning: ProcessInvocation.run(
                        definition,
                        payload: bytes,
                        requestId: requestId,
                        timeout: definition.timeout,
                        grace: grace,
                        stderrSink: sink
                    )
                )
            }
            thread.name = "sluice-invoke-\(definition.name)"
            thread.start()
        }
    }

    private func runPersistent(line: [UInt8], requestId: String) async -> Result<JSONValue, FunctionError> {
        var worker: PersistentWorker?
        while let candidate = idle.popLast()?.worker {
            if candidate.isAlive {
                worker = candidate
                break
            }
        }
        if worker == nil { worker = spawnWorker() }
        guard let worker else {
            return .failure(
                FunctionError(
                    errorType: "Runtime.InvalidEntrypoint",
                    errorMessage: "RequestId: \(requestId) Error: the worker could not be started",
                    requestId: requestId
                )
            )
        }
        busy.add(1, ordering: .relaxed)
        let outcome = await worker.invoke(line: line, requestId: requestId, timeout: definition.timeout)
        busy.subtract(1, ordering: .relaxed)
        if worker.isAlive {
            idle.append((worker, .now))
        } else if idle.count + busy.load(ordering: .relaxed) < definition.provisionedConcurrency {
            // A provisioned worker that died is replaced at once, so the function stays warm.
            if let replacement = spawnWorker() { idle.append((replacement, .now)) }
        }
        return outcome
    }

    /// The seam between local and remote workers: a free agent of the function takes the request line a local
    /// persistent worker would read, one invocation at a time, after the same concurrency slot.
    private nonisolated func runOnAgent(line: [UInt8], requestId: String) async -> Result<JSONValue, FunctionError> {
        guard let agent = await agents.checkout(definition.name) else {
            return .failure(
                FunctionError(
                    errorType: "Sandbox.Cancelled",
                    errorMessage: "RequestId: \(requestId) Error: cancelled while waiting for an agent",
                    requestId: requestId
                )
            )
        }
        let outcome = await agent.invoke(line: line, requestId: requestId, timeout: definition.timeout)
        agents.checkin(agent)
        return outcome
    }

    private func spawnWorker() -> PersistentWorker? {
        do {
            let worker = try PersistentWorker.start(definition, grace: grace, stderrSink: stderrSink())
            started.append(worker.pid)
            logger.info(
                "function \(definition.name): worker started (pid \(worker.pid))",
                metadata: ["sluice.function": .string(definition.name)]
            )
            return worker
        } catch {
            logger.error(
                "function \(definition.name): cannot start a worker: \(error)",
                metadata: ["sluice.function": .string(definition.name)]
            )
            return nil
        }
    }

    /// Stops idle workers beyond the provisioned ones that have been idle for `idleTime`.
    func reapIdle(idleTime: Duration) {
        let now = ContinuousClock.now
        var kept: [(worker: PersistentWorker, since: ContinuousClock.Instant)] = []
        for entry in idle.reversed() {
            if kept.count < definition.provisionedConcurrency || now - entry.since < idleTime {
                kept.append(entry)
            } else {
                entry.worker.stop()
            }
        }
        idle = kept.reversed()
    }

    /// Stops every worker (shutdown).
    func stopAll() {
        for entry in idle { entry.worker.stop() }
        idle = []
    }

    var idleCount: Int { idle.count }
    nonisolated var busyCount: Int { busy.load(ordering: .relaxed) }

    private nonisolated func stderrSink() -> @Sendable (String, String?) -> Void {
        let logger = logger
        let name = definition.name
        return { line, requestId in
            var metadata: Logger.Metadata = ["sluice.function": .string(name)]
            if let requestId { metadata["sluice.request.id"] = .string(requestId) }
            let about = requestId.map { "function \(name) request \($0)" } ?? "function \(name)"
            logger.info("\(about): \(line)", metadata: metadata)
        }
    }
}
