/// Where an object lives: its bucket and key for messages, its file for reading.
struct ObjectLocation: Sendable, Hashable {
    var bucket: String
    var key: String
    var path: String

    /// Prefixes a message about this object's content with its S3 URI.
    func error(_ message: String) -> ItemReaderError {
        .content(bucket: bucket, key: key, message)
    }
}
