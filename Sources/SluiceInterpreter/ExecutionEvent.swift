import SluiceJSON

/// What the owner tells the interpreter.
package enum ExecutionEvent: Sendable, Hashable {
    case taskSucceeded(token: Int, output: JSONValue)
    case taskFailed(token: Int, error: String?, cause: String?)
    case taskHeartbeat(token: Int)
    /// A Task's integration ran and the task goes on waiting: a `.sync` Task's child execution started, or a
    /// callback Task's function was invoked / message published. Recorded as TaskSubmitted with its response.
    case taskSubmitted(token: Int, output: JSONValue)
    case timerFired(token: Int)
    /// StopExecution: the execution ends ABORTED.
    case stop(error: String?, cause: String?)
    /// RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution carries on from the state that failed.
    case redrive
    /// Items for a `.readItems` request; `exhausted` when the source has no more.
    /// `sizes`: each item's compact JSON size when the reader knows it (CSV), so the batcher need not weigh it.
    /// `version`: on the read that opened the source, which content it reads (`ItemSource.version`); the interpreter
    /// ignores it, the journal keeps it so a resumed run can tell whether its object changed.
    case itemsRead(token: Int, items: [JSONValue], exhausted: Bool, sizes: [Int]? = nil, version: String? = nil)
    /// The ItemReader could not read (States.ItemReaderFailed).
    case itemReaderFailed(token: Int, cause: String)
    /// The manifest is written: `details` is `{"Bucket", "Key"}` of manifest.json.
    case resultsWritten(token: Int, details: JSONValue)
    /// Writing results failed (States.ResultWriterFailed).
    case resultWriterFailed(token: Int, cause: String)
    /// UpdateMapRun: new limits for a running Distributed Map run (nil: unchanged), in force at once.
    case mapRunUpdated(
        mapRunArn: String,
        maxConcurrency: Int?,
        toleratedFailureCount: Int?,
        toleratedFailurePercentage: Double?
    )
}
