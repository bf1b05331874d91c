/// One event an execution handled, in the order handled: `sequence` from 0, the time it was handled (ms since
/// 1970) and the event in the journal's JSON form.
public struct JournaledEvent: Sendable, Hashable {
    public var executionArn: String
    public var sequence: Int
    public var timestampMillis: Int64
    public var event: String

    public init(executionArn: String, sequence: Int, timestampMillis: Int64, event: String) {
        self.executionArn = executionArn
        self.sequence = sequence
        self.timestampMillis = timestampMillis
        self.event = event
    }
}
