import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceTopics
import SluiceVocabulary

/// Task states that start another execution: `arn:aws:states:::states:startExecution` answers StartExecution's
/// result at once; `.sync` waits for the child and answers its DescribeExecution (Input and Output as JSON text);
/// `.sync:2` the same with Input and Output as JSON. A child that does not succeed fails the task with
/// States.TaskFailed and the child's description as the cause, as Step Functions does.
///
/// Parameters: `StateMachineArn` (required), `Input` (any JSON; a string is the input's JSON text), `Name`. Without
/// a Name the child's is derived from the parent's ARN and the task's token, so a parent carried on after a restart
/// finds the child it started instead of starting another.
package struct NestedExecutionTasks: Sendable {
    package static let resource = "arn:aws:states:::states:startExecution"

    /// How the task waits for its child.
    enum Mode { case start, sync, sync2 }

    package let children: any ChildExecutions
    /// The parent execution's ARN.
    package var executionArn: String

    package init(children: any ChildExecutions, executionArn: String) {
        self.children = children
        self.executionArn = executionArn
    }

    /// Starts (and for `.sync`, waits for) the child if the invocation is a startExecution task; nil otherwise.
    package func handle(_ invocation: TaskInvocation) async -> Result<JSONValue, StatesError>? {
        guard let mode = Self.mode(invocation.resource) else { return nil }
        let requestId = StableMessageId.make(executionArn + "#request#" + String(invocation.token))
        let started: ChildExecutionStart
        switch await start(invocation) {
        case .failure(let refusal): return .failure(Self.statesError(refusal, requestId: requestId))
        case .success(let answer): started = answer
        }
        let answer = NestedExecutionOutput.started(started, requestId: requestId)
        guard mode != .start else { return .success(answer) }
        if started.fresh { children.submitted(token: invocation.token, output: answer, parentArn: executionArn) }
        guard let record = await children.end(of: started.executionArn) else {
            return .failure(.runtime("The wait for execution '\(started.executionArn)' was cancelled"))
        }
        let description = NestedExecutionOutput.described(record, json: mode == .sync2)
        guard record.status == .succeeded else {
            return .failure(StatesError(StatesError.Name.taskFailed, cause: description.serialized()))
        }
        return .success(description)
    }

    static func mode(_ text: String) -> Mode? {
        switch text {
        case resource: .start
        case resource + ".sync": .sync
        case resource + ".sync:2": .sync2
        default: nil
        }
    }

    private func start(_ invocation: TaskInvocation) async -> Result<ChildExecutionStart, ChildExecutionRefusal> {
        let parameters = invocation.input
        guard case .string(let machine)? = parameters["StateMachineArn"] else {
            return .failure(
                ChildExecutionRefusal(
                    code: "ValidationException",
                    message:
                        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"
                )
            )
        }
        var input = parameters["Input"] ?? .object(JSONObject())
        if case .string(let text) = input {
            guard let parsed = try? JSONParser.parse(text) else {
                return .failure(
                    ChildExecutionRefusal(
                        code: "InvalidExecutionInput",
                        message: "Invalid State Machine Execution Input: '\(text)'"
                    )
                )
            }
            input = parsed
        }
        if case .string(let name)? = parameters["Name"] {
            return await children.start(stateMachineArn: machine, name: name, input: input, derived: false)
        }
        let name = StableMessageId.make(executionArn + "#" + String(invocation.token))
        return await children.start(stateMachineArn: machine, name: name, input: input, derived: true)
    }

    /// The error Step Functions records for a refused StartExecution: `StepFunctions.<Code>Exception` with the SDK's
    /// message line; `sluice run`'s refusal is a States.Runtime.
    static func statesError(_ refusal: ChildExecutionRefusal, requestId: String) -> StatesError {
        if refusal.code == "Unavailable" { return .runtime(refusal.message) }
        let exception = refusal.code.hasSuffix("Exception") ? refusal.code : refusal.code + "Exception"
        return StatesError(
            "StepFunctions." + exception,
            cause:
                "\(refusal.message) (Service: AWSStepFunctions; Status Code: 400; Error Code: \(refusal.code); Request ID: \(requestId); Proxy: null)"
        )
    }
}
