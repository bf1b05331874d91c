import SluiceASL
import SluiceJSON

extension Execution {
    /// A `.sync` Task's job started: TaskSubmitted, as Step Functions records it between TaskStarted and the
    /// task's end, with what the start answered (for startExecution.sync, the child's ARN). Ignored once the task
    /// no longer waits for that token.
    mutating func taskSubmitted(token: Int, output: JSONValue) {
        guard let id = tokens[token], let frame = frames[id], case .awaitingTask(let wait) = frame.phase,
            wait.token == token, case .task(let task) = frame.state.kind
        else { return }
        activeFrame = id
        defer { activeFrame = nil }
        record("TaskSubmitted", details: .payload(["resource": .string(task.resource)], key: "output", payload: output))
    }
}
