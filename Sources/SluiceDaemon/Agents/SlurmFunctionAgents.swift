import SluiceWorkers

/// One function placed on Slurm as sluiced manages it: its placement in force, its job arrays in the queue with
/// what squeue last said of their agents, and how long to hold off after submissions whose agents never connected.
struct SlurmFunctionAgents: Sendable {
    /// A job array of the function's agents.
    struct Tracked: Sendable {
        var submission: SlurmSubmission
        /// squeue's last word on its agents (just submitted: all pending).
        var agents: [SlurmAgentState]
        var submittedAt: ContinuousClock.Instant
        /// One of its agents reached sluiced at least once.
        var connected = false
    }

    var definition: FunctionDefinition
    var placement: SlurmPlacement
    var submissions: [String: Tracked] = [:]
    /// Consecutive submissions that ended with no agent ever connected.
    var failures = 0
    var holdOffUntil: ContinuousClock.Instant?

    /// Agents in the queue or running (not those completing or gone).
    var alive: Int { submissions.values.reduce(0) { $0 + $1.agents.filter(\.isAlive).count } }

    /// How many agents the function wants now: its provisioned ones, and one per invocation busy or waiting, at most
    /// MaxWorkers and its reserved concurrency.
    func wanted(busy: Int, waiting: Int) -> Int {
        let cap = min(placement.maxWorkers, definition.reservedConcurrency ?? placement.maxWorkers)
        return min(cap, max(definition.provisionedConcurrency, busy + waiting))
    }

    /// The job array an agent of `submission` belongs to.
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
