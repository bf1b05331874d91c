import SluiceAWS
import SluiceJSON

/// The callback pattern's answers: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, each `{}` on success.
extension StepFunctionsAPI {
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
