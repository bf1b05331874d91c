import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import SluiceEngine
import SluiceWorkers

/// sluiced's side of functions placed on Slurm: it submits their agents (the provisioned ones at once, as one job
/// whose steps are the agents; more while invocations wait, as job arrays, up to MaxWorkers), watches them with
/// squeue, cancels on-demand agents left idle, adopts or cancels what a killed sluiced left in the queue, and cancels
/// every agent when sluiced stops.
///
/// Runs in the agents' service, once a second, until the graceful shutdown; Slurm's commands run off Swift's
/// threads (they block on slurmctld).
struct SlurmAgents {
    let runtime: DaemonRuntime
    let submitter: SlurmSubmitter
    private var functions: [String: SlurmFunctionAgents] = [:]
    private var lastPoll = ContinuousClock.now - .seconds(60)
    private var problems: [String: String] = [:]

    static let pollInterval = Duration.seconds(3)
    /// How long a submission may show no agent in squeue before it counts as ended (sbatch to squeue is immediate,
    /// but a node's array task can pass through states squeue does not list).
    static let grace = Duration.seconds(10)

    init(runtime: DaemonRuntime, advertise: String) {
        self.runtime = runtime
        submitter = SlurmSubmitter(
            advertise: advertise,
            agentProgram: runtime.settings.agents.program ?? Self.besideSluiced("sluice-agent"),
            agentsFolder: runtime.paths.agents
        )
    }

    private var roster: AgentRoster { runtime.hosts.host.agents }
    private var logger: Logger { runtime.logger }

    /// Until the graceful shutdown: adopt, then keep each function's agents as it needs them; at the end cancel them.
    mutating func run() async {
        await adopt()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await tick()
            await nap(.seconds(1))
        }
        await stop()
    }

    // MARK: - Each second

    mutating func tick() async {
        await followPlacements()
        if ContinuousClock.now - lastPoll >= Self.pollInterval {
            lastPoll = .now
            for name in functions.keys.sorted() { await poll(name) }
        }
        var reports: [String: FunctionAgentsReport] = [:]
        for name in functions.keys.sorted() {
            await release(name)
            await supply(name)
            reports[name] = await report(name)
        }
        runtime.agentsReports.publish(reports)
    }

    /// The functions placed on Slurm in the configuration in force (a reload may add, change or remove some).
    private mutating func followPlacements() async {
        let placed = runtime.hosts.host.definitions.values.compactMap { definition -> SlurmFunctionAgents? in
            guard case .slurm(let placement) = definition.placement else { return nil }
            return SlurmFunctionAgents(definition: definition, placement: placement)
        }
        let names = Set(placed.map(\.definition.name))
        for gone in functions.keys.sorted() where !names.contains(gone) {
            logger.info("function \(gone) is no longer placed on Slurm; cancelling its agents")
            await cancelAll(gone)
            functions[gone] = nil
            roster.forget(function: gone)
        }
        for fresh in placed {
            let name = fresh.definition.name
            if functions[name] == nil {
                // Its invocations wait for agents from now on, even while none is submitted.
                roster.expect(function: name)
                functions[name] = fresh
                logger.info(
                    "function \(name) is placed on Slurm (partition \(fresh.placement.partition), MaxWorkers \(fresh.placement.maxWorkers))",
                    metadata: ["sluice.function": .string(name)]
                )
            } else {
                functions[name]!.definition = fresh.definition
                functions[name]!.placement = fresh.placement
            }
        }
    }

    /// squeue's view of each job array; arrays with no agent left end (their folders go).
    private mutating func poll(_ name: String) async {
        guard let function = functions[name] else { return }
        let connected = await roster.connectedBySubmission(name)
        for (id, tracked) in function.submissions.sorted(by: { $0.key < $1.key }) {
            let submission = tracked.submission
            let submitter = submitter
            let states: [SlurmAgentState]
            switch await Self.offloaded({ () throws(SlurmError) in try submitter.agents(of: submission) }) {
            case .success(let found): states = found
            case .failure(let error):
                say(name, "cannot list agents of submission \(id): \(error)")
                continue
            }
            problems[name] = nil
            let before = Set(tracked.agents.filter(\.isRunning).map(\.agent))
            if states.contains(where: { $0.isRunning && !before.contains($0.agent) }) {
                functions[name]!.submissions[id]!.lastStart = .now
            }
            functions[name]!.submissions[id]!.agents = states
            // Tasks squeue no longer lists (or lists as ending) are over: their agents may not come back.
            let living = Set(states.filter(\.isAlive).map { String($0.agent) })
            let gone = Set((0..<submission.count).map(String.init)).subtracting(living)
            if !gone.isEmpty { runtime.agentSubmissions.ended(gone, of: id) }
            if connected[id, default: 0] > 0 { functions[name]!.submissions[id]!.connected = true }
            guard states.filter(\.isAlive).isEmpty, ContinuousClock.now - tracked.submittedAt >= Self.grace else {
                continue
            }
            await end(name, id)
        }
    }

    /// A job array with no agent left: forgotten, its folder removed; one whose agents never connected holds off
    /// further submissions for a while (a wrong Advertise or Program would otherwise fill the queue over and over).
    private mutating func end(_ name: String, _ id: String) async {
        guard let tracked = functions[name]?.submissions.removeValue(forKey: id) else { return }
        await runtime.agentSubmissions.close(id, roster: roster)
        if tracked.submission.shape == .allocation {
            // An allocation outlives its agents (no batch script ends it): it is given back.
            let submitter = submitter
            let submission = tracked.submission
            if case .failure(let error) = await Self.offloaded({ () throws(SlurmError) in
                try submitter.cancel(submission)
            }) {
                say(name, "cannot cancel the allocation of submission \(id) (job \(submission.jobId)): \(error)")
            }
        }
        if tracked.connected {
            functions[name]!.failures = 0
            logger.info(
                "agents of function \(name) (submission \(id), job \(tracked.submission.jobId)) have all ended",
                metadata: ["sluice.function": .string(name)]
            )
            submitter.removeFolder(tracked.submission.folder)
        } else {
            functions[name]!.backOff(now: .now)
            // A step job whose steps never started says why in its batch script's output (an allocation: in its
            // launcher's).
            let first = tracked.submission.folder + "/agent-0.log"
            let script = tracked.submission.shape == .allocation ? "/launcher.log" : "/agents.log"
            let log =
                tracked.submission.shape.isOneJob && !FileManager.default.fileExists(atPath: first)
                ? tracked.submission.folder + script : first
            let tail = Self.lastLines(of: log, count: 3)
            logger.error(
                "agents of function \(name) (submission \(id), job \(tracked.submission.jobId)) ended without connecting to sluiced; holding off new submissions; \(log) says: \(tail)",
                metadata: ["sluice.function": .string(name)]
            )
            // The folder stays for the user to read (the next sluiced start removes it).
        }
    }

    /// Submits agents while the function wants more than the queue holds.
    private mutating func supply(_ name: String) async {
        guard let function = functions[name] else { return }
        if let until = function.holdOffUntil, ContinuousClock.now < until { return }
        let (_, busy) = await roster.counts(name)
        let waiting = await roster.waiting(name)
        let connected = await roster.connectedBySubmission(name)
        var missing = function.wanted(busy: busy, waiting: waiting) - function.alive(connected: connected, now: .now)
        guard missing > 0 else { return }
        // The provisioned agents, while none of theirs is in the queue, go as the steps of one allocation (granted at
        // once when the cluster has room; else one batch job), started much sooner than an array's tasks; the rest,
        // and replacements of lost provisioned ones, as an array whose idle tasks can go.
        let steps = function.provisionedAsSteps()
        if let steps { missing = min(missing, steps) }
        let count = missing
        let shape: SlurmSubmissionShape = steps == nil ? .array : .allocation
        let (id, secret) = await runtime.agentSubmissions.submit(function: name, roster: roster)
        let submitter = submitter
        let definition = function.definition
        let placement = function.placement
        let result = await Self.offloaded { () throws(SlurmError) in
            try submitter.submit(
                definition,
                placement: placement,
                submission: id,
                secret: secret,
                count: count,
                shape: shape
            )
        }
        switch result {
        case .success(let submission):
            problems[name] = nil
            functions[name]!.submissions[id] = SlurmFunctionAgents.Tracked(
                submission: submission,
                agents: (0..<missing).map { SlurmAgentState(agent: $0, state: "PENDING", node: nil, reason: nil) },
                submittedAt: .now,
                lastStart: .now
            )
            logger.info(
                "submitted \(missing) agent(s) of function \(name) to Slurm as \(Self.describe(submission.shape)): job \(submission.jobId) (submission \(id), \(busy) busy, \(waiting) waiting)",
                metadata: ["sluice.function": .string(name)]
            )
        case .failure(let error):
            await runtime.agentSubmissions.close(id, roster: roster)
            functions[name]!.backOff(now: .now)
            say(name, "cannot submit agents of function \(name): \(error)")
        }
    }

    /// Cancels agents idle for `Agents.IdleSeconds`, keeping the provisioned ones and those the function needs now.
    /// Agents of a step job are never released one by one: they are the provisioned ones, which stay.
    private mutating func release(_ name: String) async {
        await resize(name)
        guard let function = functions[name] else { return }
        let (_, busy) = await roster.counts(name)
        let waiting = await roster.waiting(name)
        let keep = max(function.definition.provisionedConcurrency, busy + waiting)
        let steps = Set(function.submissions.filter { $0.value.submission.shape.isOneJob }.keys)
        let idle = await roster.releaseIdle(
            name,
            idleFor: .seconds(runtime.settings.agents.idleSeconds),
            keep: keep,
            releasable: { !steps.contains($0) }
        )
        for worker in idle {
            guard let tracked = function.tracked(worker.submission), let index = Int(worker.agent) else {
                // Not one of sluiced's job arrays (started by hand): its connection is all there is to end.
                worker.lost(reason: "released after \(runtime.settings.agents.idleSeconds) s idle")
                continue
            }
            let submitter = submitter
            let submission = tracked.submission
            let cancelled = await Self.offloaded { () throws(SlurmError) in
                try submitter.cancel(submission, agent: index)
            }
            if case .failure(let error) = cancelled { say(name, "cannot cancel idle \(worker.label): \(error)") }
            if let at = functions[name]!.submissions[worker.submission]?.agents.firstIndex(where: { $0.agent == index })
            {
                functions[name]!.submissions[worker.submission]!.agents[at].state = "COMPLETING"
            }
        }
        if !idle.isEmpty {
            logger.info(
                "released \(idle.count) idle agent(s) of function \(name) (idle \(runtime.settings.agents.idleSeconds) s; keeping \(keep))",
                metadata: ["sluice.function": .string(name)]
            )
        }
    }

    /// The provisioned agents' job sized for more than the function provisions now (a reload lowered its
    /// ProvisionedConcurrency or ReservedConcurrency): given back whole once all its agents are idle for
    /// `Agents.IdleSeconds`, and the provisioned ones submitted again at the new size (an allocation, or a step job,
    /// cannot give back one task's resources).
    private mutating func resize(_ name: String) async {
        guard let function = functions[name] else { return }
        let provisioned = function.provisionedCap
        for (id, tracked) in function.submissions.sorted(by: { $0.key < $1.key })
        where tracked.submission.shape.isOneJob && tracked.submission.count > provisioned {
            let idleFor = Duration.seconds(runtime.settings.agents.idleSeconds)
            guard let idle = await roster.releaseSubmission(name, id, idleFor: idleFor) else { continue }
            let reason = "its job was sized for \(tracked.submission.count) provisioned agent(s), now \(provisioned)"
            for worker in idle { worker.lost(reason: "released: \(reason)") }
            logger.info(
                "giving back the job of function \(name)'s provisioned agents (job \(tracked.submission.jobId), submission \(id)): \(reason)",
                metadata: ["sluice.function": .string(name)]
            )
            await cancel(name, id)
        }
    }

    private func report(_ name: String) async -> FunctionAgentsReport {
        let function = functions[name]!
        var report = FunctionAgentsReport(
            function: name,
            partition: function.placement.partition,
            maxWorkers: function.placement.maxWorkers,
            provisioned: function.definition.provisionedConcurrency
        )
        report.submissions = function.submissions.count
        for tracked in function.submissions.values {
            for agent in tracked.agents {
                if agent.isPending { report.pending += 1 }
                if agent.isRunning {
                    report.running += 1
                    if let node = agent.node { report.nodes[node, default: 0] += 1 }
                }
            }
        }
        let (idle, busy) = await roster.counts(name)
        report.connected = idle + busy
        report.busy = busy
        report.waiting = await roster.waiting(name)
        report.problem = problems[name]
        return report
    }

    // MARK: - Start and stop

    /// What a previous sluiced left under var/lib/sluice/agents: job arrays of functions still on Slurm are adopted
    /// (their agents reconnect with the secret they have); the rest are cancelled and their folders removed.
    private mutating func adopt() async {
        await followPlacements()
        let placed = Set(functions.keys)
        for (id, folder, record) in SlurmSubmissionRecord.all(in: runtime.paths.agents) {
            let submitter = submitter
            guard let record, let secret = record.secret, let submission = record.submission,
                placed.contains(record.function)
            else {
                if let record {
                    _ = await Self.offloaded { () throws(SlurmError) in
                        if let submission = record.submission {
                            try submitter.cancel(submission)
                        } else {
                            try submitter.cancel(function: record.function, submission: id)
                        }
                    }
                    logger.info(
                        "cancelled the agents of submission \(id) (function \(record.function)) left by a previous sluiced"
                    )
                }
                submitter.removeFolder(folder)
                continue
            }
            _ = await runtime.agentSubmissions.submit(
                function: record.function,
                roster: roster,
                submission: id,
                secret: secret
            )
            // An allocation whose launcher went with the previous sluiced (its control group, under systemd) gets its
            // agents launched again into it.
            switch await Self.offloaded({ () throws(SlurmError) in try submitter.resume(submission) }) {
            case .success(let launched) where !launched.isEmpty:
                logger.info(
                    "launched again \(launched.count) agent(s) of function \(record.function) into its allocation (job \(submission.jobId), submission \(id)): their launcher was gone",
                    metadata: ["sluice.function": .string(record.function)]
                )
            case .success: break
            case .failure(let error):
                say(record.function, "cannot launch again the agents of submission \(id): \(error)")
            }
            let states =
                (try? await Self.offloaded { () throws(SlurmError) in try submitter.agents(of: submission) }.get())
                ?? []
            functions[record.function]?.submissions[id] = SlurmFunctionAgents.Tracked(
                submission: submission,
                agents: states,
                submittedAt: .now,
                lastStart: .now,
                connected: true
            )
            logger.info(
                "adopted \(states.filter(\.isAlive).count) agent(s) of function \(record.function) left by a previous sluiced (job \(submission.jobId), submission \(id))",
                metadata: ["sluice.function": .string(record.function)]
            )
        }
    }

    /// sluiced stops: every agent is cancelled and the queue waited on (a little) so that no job outlives it.
    private mutating func stop() async {
        for name in functions.keys.sorted() { await cancelAll(name) }
        runtime.agentsReports.publish([:])
    }

    private mutating func cancelAll(_ name: String) async {
        guard let function = functions[name] else { return }
        for id in function.submissions.keys.sorted() { await cancel(name, id) }
        functions[name]?.submissions = [:]
    }

    /// Cancels one submission's agents and waits (a little) for the queue to let them go; then it is forgotten.
    private mutating func cancel(_ name: String, _ id: String) async {
        guard let tracked = functions[name]?.submissions[id] else { return }
        let submitter = submitter
        let submission = tracked.submission
        let result = await Self.offloaded { () throws(SlurmError) -> Bool in
            try submitter.cancel(submission)
            // scancel returns before the tasks end; their folder goes once squeue lists none (10 s at most).
            for _ in 0..<50 {
                if try submitter.agents(of: submission).isEmpty { return true }
                Thread.sleep(forTimeInterval: 0.2)
            }
            return false
        }
        await runtime.agentSubmissions.close(id, roster: roster)
        functions[name]?.submissions[id] = nil
        switch result {
        case .success(true):
            submitter.removeFolder(submission.folder)
            logger.info("cancelled the agents of function \(name) (job \(submission.jobId))")
        case .success(false):
            logger.warning(
                "cancelled the agents of function \(name) (job \(submission.jobId)); Slurm still lists some"
            )
        case .failure(let error):
            logger.error("cannot cancel the agents of function \(name) (job \(submission.jobId)): \(error)")
        }
    }

    // MARK: - Helpers

    /// Logs a Slurm problem once per change, and keeps it for the reports.
    private mutating func say(_ name: String, _ problem: String) {
        guard problems[name] != problem else { return }
        problems[name] = problem
        logger.error("\(problem)", metadata: ["sluice.function": .string(name)])
    }

    /// How a submission's agents went, for the journal.
    static func describe(_ shape: SlurmSubmissionShape) -> String {
        switch shape {
        case .array: "a job array"
        case .steps: "the steps of one batch job"
        case .allocation: "the steps of one allocation (salloc)"
        }
    }

    /// Runs a blocking Slurm command on a thread of its own.
    static func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws(SlurmError) -> T) async -> Result<
        T, SlurmError
    > {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(SlurmError) in try body() })
            }
        }
    }

    /// A program installed beside sluiced's own executable.
    static func besideSluiced(_ name: String) -> String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (executable as NSString).deletingLastPathComponent + "/" + name
    }

    static func lastLines(of path: String, count: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "(no output)" }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).suffix(count)
        return lines.isEmpty ? "(nothing)" : lines.joined(separator: " / ")
    }
}
