/// What an execution needs to be rebuilt after a restart: its record, the definition text and random seed it
/// started with, and its start time to the millisecond (the interpreter is deterministic given these and its
/// journal of events).
public struct ResumableExecution: Sendable, Hashable {
    public var record: ExecutionRecord
    public var stateMachineName: String
    public var definition: String
    public var seed: UInt64
    public var startMillis: Int64

    public init(
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
