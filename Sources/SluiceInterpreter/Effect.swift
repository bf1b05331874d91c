import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// What the interpreter asks its owner to do. The owner performs effects and reports back with events.
package enum Effect: Sendable, Hashable {
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
    /// Distributed Map ItemReader: deliver up to `count` more items (opening the reader on the first request) as
    /// `.itemsRead` or `.itemReaderFailed` for `token`.
    case readItems(ItemReadRequest)
    /// The reader of `token` is no longer needed.
    case closeItemReader(token: Int)
    /// Distributed Map ResultWriter: get ready to write child execution results for a map run.
    case openResultWriter(ResultWriterRequest)
    /// One child execution ended: append its record to the map run's results.
    case writeResult(token: Int, record: ChildExecutionRecord)
    /// All children ended: write the manifest and answer `.resultsWritten` (or `.resultWriterFailed`). With
    /// `commit` false (the map failed) the files are completed but no answer is expected.
    case closeResultWriter(token: Int, commit: Bool)
    /// A Distributed Map's child execution ended (SUCCEEDED, FAILED or ABORTED): for the owner to keep, so that
    /// ListExecutions of the map run lists it. Nothing answers it.
    case childExecutionEnded(mapRunArn: String, record: ChildExecutionRecord)
}

/// What a Distributed Map's ItemReader reads, with its Parameters evaluated and MaxItems resolved.
package struct ItemReadRequest: Sendable, Hashable {
    package var token: Int
    package var resource: String
    package var parameters: JSONValue
    package var readerConfig: JSONObject
    package var count: Int

    package init(token: Int, resource: String, parameters: JSONValue, readerConfig: JSONObject, count: Int) {
        self.token = token
        self.resource = resource
        self.parameters = parameters
        self.readerConfig = readerConfig
        self.count = count
    }
}

/// One Task invocation requested by the interpreter.
package struct TaskInvocation: Sendable, Hashable {
    package var token: Int
    package var resource: String
    package var input: JSONValue
    package var stateName: String
    package var timeoutSeconds: Int?
    package var heartbeatSeconds: Int?
    /// A callback Task's token (`.waitForTaskToken`): the integration's own result is not the task's; the owner
    /// answers with what comes back for this token.
    package var taskToken: String? = nil
}

/// How an execution ended.
package enum ExecutionOutcome: Sendable, Hashable {
    case succeeded(JSONValue)
    case failed(error: String?, cause: String?)
    case timedOut(error: String?, cause: String?)
    case aborted(error: String?, cause: String?)

    /// AWS's execution status.
    package var status: ExecutionStatus {
        switch self {
        case .succeeded: .succeeded
        case .failed: .failed
        case .timedOut: .timedOut
        case .aborted: .aborted
        }
    }
}
