import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceTopics

/// Task states whose Resource is an activity (`arn:aws:states:REGION:ACCOUNT:activity:NAME`): the effective input
/// goes to a worker, whose SendTaskSuccess output is the result and whose SendTaskFailure is the task's error.
/// The task token is derived from the execution and the task, so a worker holding it can still answer after a
/// restart carried the execution on.
package struct ActivityTasks: Sendable {
    package let workers: any ActivityWorkers
    package var executionArn: String

    package init(workers: any ActivityWorkers, executionArn: String) {
        self.workers = workers
        self.executionArn = executionArn
    }

    /// Whether `resource` names an activity.
    package static func isActivity(_ resource: String) -> Bool {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "activity"
            && !parts[6].isEmpty
    }

    /// Runs the task through a worker if its resource is an activity; nil otherwise.
    package func handle(_ invocation: TaskInvocation) async -> Result<JSONValue, StatesError>? {
        guard Self.isActivity(invocation.resource) else { return nil }
        return await workers.perform(
            ActivityTask(
                activityArn: invocation.resource,
                input: invocation.input,
                taskToken: StableMessageId.make(executionArn + "#activity#" + String(invocation.token)),
                executionArn: executionArn,
                token: invocation.token
            )
        )
    }
}
