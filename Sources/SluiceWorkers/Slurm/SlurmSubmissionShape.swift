/// How a submission's agents sit in Slurm's queue.
///
/// The provisioned agents go as one job whose batch script launches each agent as a step: one job for the scheduler
/// to place, the agents started by their steps within tens of milliseconds of each other. The agents submitted while
/// invocations wait go as a job array, so that an idle one can be cancelled alone (its array task).
package enum SlurmSubmissionShape: String, Sendable, Hashable {
    /// One array task per agent (`SLURM_ARRAY_TASK_ID` is its number); each can be cancelled on its own.
    case array
    /// One job of `count` tasks spread over the nodes; its batch script starts agent K as the step named `agent-K`.
    case steps
}
