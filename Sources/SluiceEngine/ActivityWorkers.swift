import SluiceASL
import SluiceJSON

/// Where a Task whose Resource is an activity ARN finds its workers: the daemon's queue, which GetActivityTask
/// takes tasks from. `sluice run` has none.
package protocol ActivityWorkers: Sendable {
    /// Schedules the task and waits for the worker's answer: its output, or its error and cause. Cancelled (the
    /// Task timed out, the execution stopped), the task is taken back and the answer is not used.
    func perform(_ task: ActivityTask) async -> Result<JSONValue, StatesError>
}
