import SluiceJSON
import SluiceStore

/// `sluice run` runs one execution alone, with no daemon to start another: a child execution is refused, and the
/// task fails with States.Runtime saying so (see NestedExecutionTasks).
package struct NoChildExecutions: ChildExecutions {
    package init() {}

    package func start(stateMachineArn: String, name: String, input: JSONValue, derived: Bool) async -> Result<
        ChildExecutionStart, ChildExecutionRefusal
    > {
        .failure(
            ChildExecutionRefusal(
                code: "Unavailable",
                message: "sluice run cannot start \(stateMachineArn): child executions need sluiced"
            )
        )
    }

    package func end(of executionArn: String) async -> ExecutionRecord? { nil }

    package func submitted(token: Int, output: JSONValue, parentArn: String) {}
}
