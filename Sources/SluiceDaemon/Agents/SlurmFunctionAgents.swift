import SluiceWorkers

/// One function placed on Slurm as sluiced manages it: its placement in force, its jobs in the queue with
/// what squeue last said of their agents, and how long to hold off after submissions whose agents never connected.
struct SlurmFunctionAgents: Sendable {
    /// A job of the function's agents: a job array, or a job whose steps are the agents.
    struct Tracked: Sendable {
        var submission: SlurmSubmission
        /// squeue's last word on its agents (just submitted: all pending).
        var agents: [SlurmAgentState]
        var submittedAt: ContinuousClock.Instant
        /// When squeue last showed one of its agents start running (or it was submitted or adopted).
        var lastStart: ContinuousClock.Instant
        /// One of its agents reached sluiced at least once.
        var connected = false
    }

    var definition: FunctionDefinition
    var placement: SlurmPlacement
    var submissions: [String: Tracked] = [:]
    /// Consecutive submissions that ended with no agent ever connected.
    var failures = 0
    var holdOffUntil: ContinuousClock.Instant?

    /// How long an agent Slurm runs may take to connect before it no longer counts as coming (it reconnects for
    /// 60 s after losing sluiced; a node whose link is cut keeps its job RUNNING until Slurm gives up on the node).
    static let connectWithin = Duration.seconds(90)

    /// Agents that are or will be there: those in the queue, those connected, and those running but not connected
    /// yet while their job array is young. Agents Slurm still runs but that have not been heard of for longer do not
    /// count, so that replacements are submitted for them.
    func alive(connected: [String: Int], now: ContinuousClock.Instant) -> Int {
        submissions.reduce(0) { total, entry in
            let (id, tracked) = entry
            let pending = tracked.agents.filter(\.isPending).count
            let running = tracked.agents.filter(\.isRunning).count
            let here = min(running, connected[id, default: 0])
            let coming = now - tracked.lastStart < Self.connectWithin ? running - here : 0
            return total + pending + here + coming
        }
    }

    /// How many agents the function wants now: its provisioned ones, and one per invocation busy or waiting, at most
    /// MaxWorkers and its reserved concurrency.
    func wanted(busy: Int, waiting: Int) -> Int {
        let cap = min(placement.maxWorkers, definition.reservedConcurrency ?? placement.maxWorkers)
        return min(cap, max(definition.provisionedConcurrency, busy + waiting))
    }

    /// How many agents to submit as one step job: the provisioned ones (within MaxWorkers and the reserved
    /// concurrency) while none of the function's step jobs is in the queue; nil: what is missing goes as an array
    /// (agents wanted beyond the provisioned ones, and replacements of provisioned ones lost).
    func provisionedAsSteps() -> Int? {
        let provisioned = provisionedCap
        guard provisioned > 0, !submissions.values.contains(where: { $0.submission.shape.isOneJob }) else {
            return nil
        }
        return provisioned
    }

    /// The provisioned agents, within MaxWorkers and the reserved concurrency.
    var provisionedCap: Int {
        let cap = min(placement.maxWorkers, definition.reservedConcurrency ?? placement.maxWorkers)
        return min(cap, definition.provisionedConcurrency)
    }

    /// The submission (job array or step job) an agent of `submission` belongs to.
    func tracked(_ submission: String) -> Tracked? { submissions[submission] }

    mutating func backOff(now: ContinuousClock.Instant) {
        failures += 1
        let seconds = min(300, 10 << min(failures - 1, 5))
        holdOffUntil = now + .seconds(seconds)
    }
}

extension SlurmAgentState {
    /// Waiting for its turn or running: an agent that is or will be there.
    var isAlive: Bool { isPending || isRunning }
    var isPending: Bool { state == "PENDING" || state == "CONFIGURING" || state == "REQUEUED" }
    var isRunning: Bool { state == "RUNNING" }
}
