/// What an execution needs to be rebuilt after a restart: its record, the definition text and random seed it
/// started with, and its start time to the millisecond (the interpreter is deterministic given these and its
/// journal of events).
package struct ResumableExecution: Sendable, Hashable {
    package var record: ExecutionRecord
    package var stateMachineName: String
    package var definition: String
    package var seed: UInt64
    package var startMillis: Int64

    package init(
        record: ExecutionRecord,
        stateMachineName: String,
        definition: String,
        seed: UInt64,
        startMillis: Int64
    ) {
        self.record = record
        self.stateMachineName = stateMachineName
        self.definition = definition
        self.seed = seed
        self.startMillis = startMillis
    }
}
