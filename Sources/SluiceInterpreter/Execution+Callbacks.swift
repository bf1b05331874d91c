import SluiceASL
import SluiceJSON

/// The callback pattern (`.waitForTaskToken`): the Task's integration runs with a token in the context object,
/// and the state waits until someone returns that token (SendTaskSuccess / SendTaskFailure), sends heartbeats, or
/// its TimeoutSeconds / HeartbeatSeconds pass. The owner answers the invocation with the callback's result, not
/// the integration's.
extension Execution {
    /// The suffix of a Task resource that waits for its token to come back.
    package static let callbackSuffix = ".waitForTaskToken"

    /// Whether a Task resource uses the callback pattern.
    package static func isCallback(_ resource: String) -> Bool {
        resource.hasPrefix("arn:aws:states:::") && resource.hasSuffix(callbackSuffix)
    }

    /// Mints a fresh token for a callback Task's attempt (each retry gets its own, as on AWS) and keeps it in the
    /// frame, where `$$.Task.Token` reads it; clears it for any other Task.
    mutating func mintTaskToken(_ id: Int, resource: String) -> String? {
        guard Self.isCallback(resource) else {
            // In place: reading `frames[id]?.taskToken` would copy the frame out on every Task (a Map's children).
            modifyFrame(id) { if $0.taskToken != nil { $0.taskToken = nil } }
            return nil
        }
        let token = TaskToken(executionArn: context.executionArn, drawingFrom: &rng).text
        modifyFrame(id) { $0.taskToken = token }
        return token
    }

    /// `$$.Task` for a frame in a callback Task state, nil elsewhere.
    func taskContext(_ frame: Frame) -> JSONValue? {
        guard let token = frame.taskToken, case .task = frame.state.kind else { return nil }
        return ["Token": .string(token)]
    }

    /// The integration of a callback Task answered, or a `.sync` Task's job (a child execution) started: AWS's
    /// TaskSubmitted with that answer, the task still waiting (for its token, for the child's end). Ignored once the
    /// task no longer waits for that token.
    mutating func taskSubmitted(token: Int, output: JSONValue) {
        guard let id = tokens[token], let frame = frames[id], case .awaitingTask(let wait) = frame.phase,
            wait.token == token, case .task(let task) = frame.state.kind
        else { return }
        activeFrame = id
        defer { activeFrame = nil }
        record("TaskSubmitted", details: .payload(["resource": .string(task.resource)], key: "output", payload: output))
    }
}
