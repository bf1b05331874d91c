import SluiceAWS
import SluiceJSON

/// The callback pattern's answers: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, each `{}` on success.
extension StepFunctionsAPI {
    /// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat: an activity's token (UUID-shaped, ActivityQueue's)
    /// goes to the activity task; any other to the callback Tasks (`.waitForTaskToken`).
    func sendTaskAnswer(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        if let token = operation.string("taskToken"), ActivityQueue.isToken(token) {
            switch operation.name {
            case "SendTaskSuccess": return try sendTaskSuccess(operation)
            case "SendTaskFailure": return try sendTaskFailure(operation)
            default: return try sendTaskHeartbeat(operation)
            }
        }
        return try await sendTask(operation)
    }

    func sendTask(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let answer = await TaskCallbackRequests(
            callbacks: runtime.callbacks,
            persisted: runtime.store,
            journal: runtime.journal
        ).answer(operation.name, operation.input)
        if let type = answer["__type"]?.stringValue {
            throw AWSError(type, answer["message"]?.stringValue ?? "")
        }
        return answer
    }
}
