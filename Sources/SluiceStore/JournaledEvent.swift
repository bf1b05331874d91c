/// One event an execution handled, in the order handled: `sequence` from 0, the time it was handled (ms since
/// 1970) and the event in the journal's JSON form.
package struct JournaledEvent: Sendable, Hashable {
    package var executionArn: String
    package var sequence: Int
    package var timestampMillis: Int64
    package var event: String

    package init(executionArn: String, sequence: Int, timestampMillis: Int64, event: String) {
        self.executionArn = executionArn
        self.sequence = sequence
        self.timestampMillis = timestampMillis
        self.event = event
    }
}
