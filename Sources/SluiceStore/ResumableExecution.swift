/// What an execution needs to be rebuilt after a restart: its record, the definition text and random seed it
/// started with, and its start time to the millisecond (the interpreter is deterministic given these and its
/// journal of events).
package struct ResumableExecution: Sendable, Hashable {
    package var record: ExecutionRecord
    package var stateMachineName: String
    package var definition: String
    package var seed: UInt64
    package var startMillis: Int64
    /// The most Distributed Map children it ran at once (from MaxWorkers when it started): a resumed execution
    /// keeps it, or its replay would start children in another order than its journal recorded. nil: recorded
    /// before sluice kept it.
    package var distributedConcurrencyCeiling: Int?

    package init(
        record: ExecutionRecord,
        stateMachineName: String,
        definition: String,
        seed: UInt64,
        startMillis: Int64,
        distributedConcurrencyCeiling: Int? = nil
    ) {
        self.record = record
        self.stateMachineName = stateMachineName
        self.definition = definition
        self.seed = seed
        self.startMillis = startMillis
        self.distributedConcurrencyCeiling = distributedConcurrencyCeiling
    }
}
