/// Agents of one function submitted together as one Slurm job: a job array, or one job of steps.
package struct SlurmSubmission: Sendable, Hashable {
    /// sluiced's name for it: the agents present it in their hello, and its folder under var/lib/sluice/agents.
    package var id: String
    package var function: String
    /// The job's id (the array's), as sbatch printed it.
    package var jobId: String
    /// Agents 0..<count: one array task each (`SLURM_ARRAY_TASK_ID`), or one step each (`agent-K`).
    package var count: Int
    /// The folder holding the batch script, the secret file and the agents' output.
    package var folder: String
    package var shape: SlurmSubmissionShape

    package init(
        id: String,
        function: String,
        jobId: String,
        count: Int,
        folder: String,
        shape: SlurmSubmissionShape = .array
    ) {
        self.id = id
        self.function = function
        self.jobId = jobId
        self.count = count
        self.folder = folder
        self.shape = shape
    }
}

/// One agent as squeue reports it: its array task, or its step (and, before the step starts, its job).
package struct SlurmAgentState: Sendable, Hashable {
    /// Its agent number: its array index, or the K of its step's name `agent-K`.
    package var agent: Int
    /// Slurm's job state: PENDING, RUNNING, COMPLETING, ...
    package var state: String
    /// The node it runs on; nil while it has none.
    package var node: String?
    /// Why it waits (squeue's reason, e.g. `Resources`); nil when Slurm gives none.
    package var reason: String?

    package init(agent: Int, state: String, node: String? = nil, reason: String? = nil) {
        self.agent = agent
        self.state = state
        self.node = node
        self.reason = reason
    }
}
