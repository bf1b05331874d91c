/// One history event as the store keeps it: its id and type for queries, and AWS's JSON of the whole event
/// (GetExecutionHistory's shape) as text.
package struct StoredHistoryEvent: Sendable, Hashable {
    package var id: Int
    package var type: String
    package var timestamp: Double
    package var document: String

    package init(id: Int, type: String, timestamp: Double, document: String) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.document = document
    }
}
