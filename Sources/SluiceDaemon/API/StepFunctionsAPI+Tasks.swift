import SluiceAWS
import SluiceJSON

/// The callback pattern's answers: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, each `{}` on success.
extension StepFunctionsAPI {
    func sendTask(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let answer = TaskCallbackRequests(callbacks: runtime.callbacks, persisted: runtime.store)
            .answer(operation.name, operation.input)
        if let type = answer["__type"]?.stringValue {
            throw AWSError(type, answer["message"]?.stringValue ?? "")
        }
        return answer
    }
}
