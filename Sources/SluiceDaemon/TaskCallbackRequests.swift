import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, from the API or `sluice send-task-*`: the token is
/// handed to the callback Task waiting on it, with AWS's answers when none waits (`{"__type", "message"}`).
struct TaskCallbackRequests {
    let callbacks: TaskCallbacks
    let persisted: DaemonStore
    let journal: DaemonJournal

    /// The operations this answers.
    static let kinds: Set<String> = ["SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"]

    /// AWS's quotas on the fields (UTF-8 bytes).
    private static let maximumOutput = 262_144
    private static let maximumError = 256
    private static let maximumCause = 32_768

    /// Answers the request once the waiting execution has journaled the callback, and that journal is written: an
    /// answer given is not lost to a crash.
    func answer(_ kind: String, _ body: JSONValue) async -> JSONValue {
        guard case .string(let text)? = body["taskToken"], !text.isEmpty else {
            return Self.invalid("taskToken", "Member must not be null")
        }
        guard text.utf8.count <= 2048, let token = TaskToken(text: text) else {
            return ControlRequests.error("InvalidToken", "Invalid Token: 'Invalid token'")
        }
        let send: () async -> TaskCallbacks.Delivery
        switch Self.callback(kind, body) {
        case .failure(let refusal): return refusal.answer
        case .success(.success(let output)): send = { await callbacks.succeed(text, output: output) }
        case .success(.failure(let error, let cause)): send = { await callbacks.fail(text, error: error, cause: cause) }
        case .success(.heartbeat): send = { await callbacks.heartbeat(text) }
        }
        var delivery = await send()
        // A RUNNING execution not yet running here is being replayed after a restart: give it a moment.
        var patience = 100
        while delivery == .notWaiting, patience > 0, !callbacks.isRunning(token.executionArn),
            (try? persisted.database.execution(token.executionArn))?.status == .running
        {
            try? await Task.sleep(for: .milliseconds(50))
            patience -= 1
            delivery = await send()
        }
        if delivery == .delivered {
            do {
                try journal.flush()
            } catch {
                return ControlRequests.error("InternalFailure", "cannot write the journal: \(error)")
            }
            return .object(JSONObject())
        }
        // The token is sluice's but no task waits on it: its execution ran here (the task ended) or never did.
        if (try? persisted.database.execution(token.executionArn)) != nil {
            return ControlRequests.error("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
        }
        return ControlRequests.error("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'")
    }

    /// What a request asks the task, or AWS's refusal of its fields.
    private enum Callback {
        case success(JSONValue)
        case failure(error: String?, cause: String?)
        case heartbeat
    }

    private struct Refusal: Error {
        var answer: JSONValue
    }

    private static func callback(_ kind: String, _ body: JSONValue) -> Result<Callback, Refusal> {
        switch kind {
        case "SendTaskSuccess":
            guard case .string(let outputText)? = body["output"] else {
                return .failure(Refusal(answer: invalid("output", "Member must not be null")))
            }
            guard outputText.utf8.count <= maximumOutput else {
                return .failure(
                    Refusal(answer: invalid("output", "Member must have length less than or equal to \(maximumOutput)"))
                )
            }
            guard let output = try? JSONParser.parse(outputText) else {
                return .failure(
                    Refusal(
                        answer: ControlRequests.error("InvalidOutput", "Invalid Output: 'The output is not valid JSON'")
                    )
                )
            }
            return .success(.success(output))
        case "SendTaskFailure":
            let error = body["error"]?.stringValue
            let cause = body["cause"]?.stringValue
            if let error, error.utf8.count > maximumError {
                return .failure(
                    Refusal(answer: invalid("error", "Member must have length less than or equal to \(maximumError)"))
                )
            }
            if let cause, cause.utf8.count > maximumCause {
                return .failure(
                    Refusal(answer: invalid("cause", "Member must have length less than or equal to \(maximumCause)"))
                )
            }
            return .success(.failure(error: error, cause: cause))
        default:
            return .success(.heartbeat)
        }
    }

    /// A request `sluice send-task-*` left in the store.
    func answer(_ request: ControlRequest) async -> JSONValue {
        guard let body = try? JSONParser.parse(request.body) else {
            return ControlRequests.error("ValidationException", "the request is not JSON")
        }
        return await answer(request.kind, body)
    }

    private static func invalid(_ field: String, _ constraint: String) -> JSONValue {
        ControlRequests.error(
            "ValidationException",
            "1 validation error detected: Value at '\(field)' failed to satisfy constraint: \(constraint)"
        )
    }
}
