import SluiceASL
import SluiceJSON

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

/// Where a map run's results go (ResultWriter's Parameters evaluated: Bucket, Prefix).
package struct ResultWriterRequest: Sendable, Hashable {
    package var token: Int
    package var mapRunArn: String
    package var resource: String
    package var parameters: JSONValue
    package var writerConfig: JSONObject
    /// How many times the map run has been redriven: a redriven run keeps the SUCCEEDED files written before.
    package var redriveCount: Int

    package init(
        token: Int,
        mapRunArn: String,
        resource: String,
        parameters: JSONValue,
        writerConfig: JSONObject,
        redriveCount: Int = 0
    ) {
        self.token = token
        self.mapRunArn = mapRunArn
        self.resource = resource
        self.parameters = parameters
        self.writerConfig = writerConfig
        self.redriveCount = redriveCount
    }
}

/// A child execution of a map run, as ResultWriter records it (DESIGN.md "Distributed Map results").
package struct ChildExecutionRecord: Sendable, Hashable {
    package var executionArn: String
    package var name: String
    package var stateMachineArn: String
    package var input: JSONValue
    package var output: JSONValue?
    package var error: String?
    package var cause: String?
    package var status: ExecutionStatus
    package var startDate: Timestamp
    package var stopDate: Timestamp
    /// How many items the child processed (1, or the batch size).
    package var itemCount: Int
    /// How many times the child's map run had been redriven when it ran (the record's RedriveCount).
    package var redriveCount = 0

    package init(
        executionArn: String,
        name: String,
        stateMachineArn: String,
        input: JSONValue,
        output: JSONValue?,
        error: String?,
        cause: String?,
        status: ExecutionStatus,
        startDate: Timestamp,
        stopDate: Timestamp,
        itemCount: Int
    ) {
        self.executionArn = executionArn
        self.name = name
        self.stateMachineArn = stateMachineArn
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.itemCount = itemCount
    }

    package var succeeded: Bool { status == .succeeded }
}

/// One Task invocation requested by the interpreter.
package struct TaskInvocation: Sendable, Hashable {
    package var token: Int
    package var resource: String
    package var input: JSONValue
    package var stateName: String
    package var timeoutSeconds: Int?
    package var heartbeatSeconds: Int?
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
