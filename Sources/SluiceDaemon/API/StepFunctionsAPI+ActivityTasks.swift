import SluiceASL
import SluiceAWS
import SluiceEngine
import SluiceInterpreter
import SluiceJSON

/// Activity workers: GetActivityTask (a long poll of up to 60 seconds) takes a scheduled task; SendTaskSuccess,
/// SendTaskFailure and SendTaskHeartbeat answer it by its token (ActivityQueue).
extension StepFunctionsAPI {
    func getActivityTask(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let activity = try existingActivity(operation)
        guard let task = await runtime.activities.poll(activityArn(activity.name), timeout: .seconds(60)) else {
            return [:]
        }
        return ["taskToken": .string(task.taskToken), "input": .string(task.input.serialized())]
    }

    func sendTaskSuccess(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let token = try taskToken(operation)
        let text = try operation.required("output")
        guard let output = try? JSONParser.parse(text) else {
            throw AWSError("InvalidOutput", "Invalid Output: '\(text)'")
        }
        try answer(token, with: .success(output))
        return [:]
    }

    func sendTaskFailure(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let token = try taskToken(operation)
        try answer(
            token,
            with: .failure(StatesError(operation.string("error") ?? "", cause: operation.string("cause")))
        )
        return [:]
    }

    func sendTaskHeartbeat(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let token = try taskToken(operation)
        guard let task = runtime.activities.task(token) else { throw Self.taskGone }
        _ = runtime.controls.send(.taskHeartbeat(token: task.token), to: task.executionArn)
        return [:]
    }

    private func answer(_ token: String, with result: Result<JSONValue, StatesError>) throws(AWSError) {
        guard runtime.activities.answer(token, with: result) else { throw Self.taskGone }
    }

    /// The task token, or InvalidToken for one sluice never gives (its tokens are UUID-shaped).
    private func taskToken(_ operation: JSONOperation) throws(AWSError) -> String {
        let token = try operation.required("taskToken")
        guard ActivityQueue.isToken(token) else {
            throw AWSError("InvalidToken", "Invalid Token: 'Invalid token'")
        }
        return token
    }

    /// What AWS answers for a token whose task has been answered, timed out or stopped.
    private static let taskGone = AWSError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
}
