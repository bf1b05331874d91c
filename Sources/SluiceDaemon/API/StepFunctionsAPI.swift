import SluiceAWS
import SluiceEngine
import SluiceJSON

/// Step Functions (awsJson1_0, `AWSStepFunctions.*`) over sluiced's state machines, executions and map runs.
struct StepFunctionsAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        let result: Result<JSONValue, AWSError>
        switch JSONOperation.parse(call, prefix: "AWSStepFunctions") {
        case .failure(let error): result = .failure(error)
        case .success(let operation):
            do {
                result = .success(try await answer(operation))
            } catch {
                result = .failure(error)
            }
        }
        return JSONOperation.response(result, .awsJson1_0, requestId: call.requestId)
    }

    private func answer(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        switch operation.name {
        case "StartExecution", "StopExecution", "RedriveExecution": return try control(operation)
        case "DescribeExecution": return try describeExecution(operation)
        case "ListExecutions": return try listExecutions(operation)
        case "GetExecutionHistory": return try executionHistory(operation)
        case "ListStateMachines": return try listStateMachines(operation)
        case "DescribeStateMachine": return try describeStateMachine(operation)
        case "DescribeStateMachineForExecution": return try describeStateMachineForExecution(operation)
        case "ValidateStateMachineDefinition": return try validateDefinition(operation)
        case "ListMapRuns": return try listMapRuns(operation)
        case "DescribeMapRun": return try describeMapRun(operation)
        case "UpdateMapRun": return try updateMapRun(operation)
        case "CreateStateMachine": return try await createStateMachine(operation)
        case "UpdateStateMachine": return try await updateStateMachine(operation)
        case "DeleteStateMachine": return try await deleteStateMachine(operation)
        case "StartSyncExecution": return try await startSyncExecution(operation)
        case "TestState": return try await testState(operation)
        case "CreateActivity": return try createActivity(operation)
        case "DescribeActivity": return try describeActivity(operation)
        case "DeleteActivity": return try deleteActivity(operation)
        case "ListActivities": return try listActivities(operation)
        case "GetActivityTask": return try await getActivityTask(operation)
        case "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat": return try await sendTaskAnswer(operation)
        default:
            throw AWSError("UnknownOperationException", "sluiced does not implement Step Functions' \(operation.name)")
        }
    }

    var region: String { runtime.settings.region }
    var account: String { runtime.settings.account }

    func stateMachineArn(_ name: String) -> String { "arn:aws:states:\(region):\(account):stateMachine:\(name)" }

    /// The name an ARN (or a bare name) gives, and the error AWS answers for a malformed ARN.
    static func name(fromArn arn: String, kind: String) throws(AWSError) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "states", parts[5] == kind else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: \(arn)'")
        }
        return String(parts[6])
    }
}
