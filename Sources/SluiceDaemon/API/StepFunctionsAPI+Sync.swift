import SluiceAWS
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// StartSyncExecution: an execution started as StartExecution starts it, answered when it ends (AWS runs only
/// EXPRESS machines so; sluice runs any, its executions all durable), with DescribeExecution's fields.
extension StepFunctionsAPI {
    /// Express executions last at most five minutes.
    static let syncLimit: Duration = .seconds(300)

    func startSyncExecution(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let started = try control(JSONOperation(name: "StartExecution", input: operation.input))
        guard let arn = started["executionArn"]?.stringValue else {
            throw AWSError.internalFailure("the execution did not start")
        }
        var pause: Duration = .milliseconds(2)
        let deadline = ContinuousClock.now.advanced(by: Self.syncLimit)
        while ContinuousClock.now < deadline {
            if let record = try read({ try $0.execution(arn) }), record.status != .running {
                guard case .object(var o) = ExecutionDocument(execution: record, dates: .epochSeconds).description
                else { break }
                o["inputDetails"] = nil
                o["outputDetails"] = nil
                o["redriveCount"] = nil
                o["billingDetails"] = ["billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100]
                return .object(o)
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
        throw AWSError("ExecutionLimitExceeded", "The execution did not end within 5 minutes: '\(arn)'")
    }
}
