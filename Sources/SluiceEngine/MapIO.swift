import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// The owner's side of a Distributed Map's ItemReader and ResultWriter: where items are read from and results
/// written to. `sluice run` and the daemon give it buckets; without one, maps that need it fail clearly.
package protocol MapIO: Sendable {
    /// Reads the next items of a request (opening its source the first time); answers with `.itemsRead` or
    /// `.itemReaderFailed`.
    func read(_ request: ItemReadRequest) async -> ExecutionEvent
    func closeReader(_ token: Int) async
    /// Prepares a map run's result files; a failure answers `.resultWriterFailed`.
    func openWriter(_ request: ResultWriterRequest) async -> ExecutionEvent?
    func write(_ token: Int, _ record: ChildExecutionRecord) async -> ExecutionEvent?
    /// Writes the manifest; with `commit`, answers `.resultsWritten` or `.resultWriterFailed`.
    func closeWriter(_ token: Int, commit: Bool) async -> ExecutionEvent?
}

/// No buckets: every ItemReader and ResultWriter fails with a message saying so.
package struct NoMapIO: MapIO {
    package init() {}

    package func read(_ request: ItemReadRequest) async -> ExecutionEvent {
        .itemReaderFailed(token: request.token, cause: "No buckets are available to read \(request.resource) from")
    }

    package func closeReader(_ token: Int) async {}

    package func openWriter(_ request: ResultWriterRequest) async -> ExecutionEvent? {
        .resultWriterFailed(token: request.token, cause: "No buckets are available to write results to")
    }

    package func write(_ token: Int, _ record: ChildExecutionRecord) async -> ExecutionEvent? { nil }

    package func closeWriter(_ token: Int, commit: Bool) async -> ExecutionEvent? { nil }
}
