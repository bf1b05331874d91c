import SluiceJSON

/// One task of an activity a Task state scheduled, for a worker to take (GetActivityTask) and answer by its
/// token (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat).
package struct ActivityTask: Sendable, Hashable {
    package var activityArn: String
    package var input: JSONValue
    /// The token the worker answers with.
    package var taskToken: String
    /// The execution and the interpreter's token of the Task waiting, where heartbeats go.
    package var executionArn: String
    package var token: Int

    package init(activityArn: String, input: JSONValue, taskToken: String, executionArn: String, token: Int) {
        self.activityArn = activityArn
        self.input = input
        self.taskToken = taskToken
        self.executionArn = executionArn
        self.token = token
    }
}
