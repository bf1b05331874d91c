/// One history event as the store keeps it: its id and type for queries, and AWS's JSON of the whole event
/// (GetExecutionHistory's shape) as text.
public struct StoredHistoryEvent: Sendable, Hashable {
    public var id: Int
    public var type: String
    public var timestamp: Double
    public var document: String

    public init(id: Int, type: String, timestamp: Double, document: String) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.document = document
    }
}
