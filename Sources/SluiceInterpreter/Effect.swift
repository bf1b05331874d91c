import SluiceASL
import SluiceJSON

/// What the interpreter asks its owner to do. The owner performs effects and reports back with events.
public enum Effect: Sendable, Hashable {
    /// Run a Task's resource with this input and answer with `.taskSucceeded` / `.taskFailed` for `token`.
    case invoke(TaskInvocation)
    /// Answer with `.timerFired(token)` at `fireAt` (Wait states, retry back-off, task timeouts).
    case startTimer(token: Int, fireAt: Timestamp)
    /// A timer that is no longer needed.
    case cancelTimer(token: Int)
    /// An invocation whose result is no longer wanted (its branch failed, the execution stopped).
    case cancelInvocation(token: Int)
    /// The execution ended.
    case finished(ExecutionOutcome)
}

/// One Task invocation requested by the interpreter.
public struct TaskInvocation: Sendable, Hashable {
    public var token: Int
    public var resource: String
    public var input: JSONValue
    public var stateName: String
    public var timeoutSeconds: Int?
    public var heartbeatSeconds: Int?
}

/// How an execution ended.
public enum ExecutionOutcome: Sendable, Hashable {
    case succeeded(JSONValue)
    case failed(error: String?, cause: String?)
    case timedOut(error: String?, cause: String?)
    case aborted(error: String?, cause: String?)

    /// AWS's execution status name.
    public var status: String {
        switch self {
        case .succeeded: "SUCCEEDED"
        case .failed: "FAILED"
        case .timedOut: "TIMED_OUT"
        case .aborted: "ABORTED"
        }
    }
}
