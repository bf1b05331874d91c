/// Agents of one function submitted together as one Slurm job array.
package struct SlurmSubmission: Sendable, Hashable {
    /// sluiced's name for it: the agents present it in their hello, and its folder under var/lib/sluice/agents.
    package var id: String
    package var function: String
    /// The array's job id, as sbatch printed it.
    package var jobId: String
    /// Agents 0..<count, one array task each (`SLURM_ARRAY_TASK_ID`).
    package var count: Int
    /// The folder holding the batch script, the secret file and the agents' output.
    package var folder: String

    package init(id: String, function: String, jobId: String, count: Int, folder: String) {
        self.id = id
        self.function = function
        self.jobId = jobId
        self.count = count
        self.folder = folder
    }
}

/// One agent's array task as squeue reports it.
package struct SlurmAgentState: Sendable, Hashable {
    /// Its array index, which is also its agent number.
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
