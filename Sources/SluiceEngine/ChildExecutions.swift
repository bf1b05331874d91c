import SluiceJSON
import SluiceStore

/// Where a Task's `arn:aws:states:::states:startExecution` starts its child execution and hears of its end: the
/// daemon (a StartExecution hand-off like the API's, told when the child's end is recorded). `sluice run` has none.
package protocol ChildExecutions: Sendable {
    /// StartExecution of `stateMachineArn` named `name` with `input`. `derived`: the name was made from the parent's
    /// ARN and the task, so an execution of that name with the same input is this task's own child, started before
    /// the parent was carried on after a restart (ended or not), and is answered as started, not refused.
    func start(stateMachineArn: String, name: String, input: JSONValue, derived: Bool) async -> Result<
        ChildExecutionStart, ChildExecutionRefusal
    >

    /// The child's record once it has ended (SUCCEEDED, FAILED, TIMED_OUT or ABORTED); nil when the wait is
    /// cancelled (the parent's task timed out, the parent stopped).
    func end(of executionArn: String) async -> ExecutionRecord?

    /// A `.sync` task's child started (`fresh`: not one a restarted parent found again): the parent's history is
    /// told (TaskSubmitted with `output`, StartExecution's answer).
    func submitted(token: Int, output: JSONValue, parentArn: String)
}
