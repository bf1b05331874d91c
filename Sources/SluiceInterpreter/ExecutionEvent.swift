import SluiceJSON

/// What the owner tells the interpreter.
public enum ExecutionEvent: Sendable, Hashable {
    case taskSucceeded(token: Int, output: JSONValue)
    case taskFailed(token: Int, error: String?, cause: String?)
    case taskHeartbeat(token: Int)
    case timerFired(token: Int)
    /// StopExecution: the execution ends ABORTED.
    case stop(error: String?, cause: String?)
}
