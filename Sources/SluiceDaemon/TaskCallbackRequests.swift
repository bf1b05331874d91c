import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore

/// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, from the API or `sluice send-task-*`: the token is
/// handed to the callback Task waiting on it, with AWS's answers when none waits (`{"__type", "message"}`).
struct TaskCallbackRequests {
    let callbacks: TaskCallbacks
    let persisted: DaemonStore

    /// The operations this answers.
    static let kinds: Set<String> = ["SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"]

    /// AWS's quotas on the fields (UTF-8 bytes).
    private static let maximumOutput = 262_144
    private static let maximumError = 256
    private static let maximumCause = 32_768

    func answer(_ kind: String, _ body: JSONValue) -> JSONValue {
        guard case .string(let text)? = body["taskToken"], !text.isEmpty else {
            return Self.invalid("taskToken", "Member must not be null")
        }
        guard text.utf8.count <= 2048, let token = TaskToken(text: text) else {
            return ControlRequests.error("InvalidToken", "Invalid Token: 'Invalid token'")
        }
        let delivery: TaskCallbacks.Delivery
        switch kind {
        case "SendTaskSuccess":
            guard case .string(let outputText)? = body["output"] else {
                return Self.invalid("output", "Member must not be null")
            }
            guard outputText.utf8.count <= Self.maximumOutput else {
                return Self.invalid("output", "Member must have length less than or equal to \(Self.maximumOutput)")
            }
            guard let output = try? JSONParser.parse(outputText) else {
                return ControlRequests.error("InvalidOutput", "Invalid Output: 'The output is not valid JSON'")
            }
            delivery = callbacks.succeed(text, output: output)
        case "SendTaskFailure":
            let error = body["error"]?.stringValue
            let cause = body["cause"]?.stringValue
            if let error, error.utf8.count > Self.maximumError {
                return Self.invalid("error", "Member must have length less than or equal to \(Self.maximumError)")
            }
            if let cause, cause.utf8.count > Self.maximumCause {
                return Self.invalid("cause", "Member must have length less than or equal to \(Self.maximumCause)")
            }
            delivery = callbacks.fail(text, error: error, cause: cause)
        default:
            delivery = callbacks.heartbeat(text)
        }
        guard delivery == .notWaiting else { return .object(JSONObject()) }
        // The token is sluice's but no task waits on it: its execution ran here (the task ended) or never did.
        if (try? persisted.database.execution(token.executionArn)) != nil {
            return ControlRequests.error("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
        }
        return ControlRequests.error("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'")
    }

    private static func invalid(_ field: String, _ constraint: String) -> JSONValue {
        ControlRequests.error(
            "ValidationException",
            "1 validation error detected: Value at '\(field)' failed to satisfy constraint: \(constraint)"
        )
    }
}
