/// How a submission's agents sit in Slurm's queue.
///
/// The provisioned agents go as one allocation whose steps are the agents: granted at once by `salloc` when the
/// cluster has room (an interactive allocation is placed when it is asked for, while a batch job waits for
/// slurmctld's next scheduling pass, up to a second), else as one batch job whose script starts the steps. The agents
/// submitted while invocations wait go as a job array, so that an idle one can be cancelled alone (its array task).
package enum SlurmSubmissionShape: String, Sendable, Hashable {
    /// One array task per agent (`SLURM_ARRAY_TASK_ID` is its number); each can be cancelled on its own.
    case array
    /// One batch job of `count` tasks spread over the nodes; its script starts agent K as the step named `agent-K`.
    case steps
    /// One allocation of `count` tasks made by `salloc --no-shell`; a launcher on sluiced's host (its own session,
    /// so that it outlives a sluiced killed outside systemd) starts agent K as the step named `agent-K`. The
    /// allocation does not end with its agents: sluiced cancels it.
    case allocation

    /// The agents are the steps of one job: listed by step, never cancelled one by one.
    package var isOneJob: Bool { self != .array }
}
