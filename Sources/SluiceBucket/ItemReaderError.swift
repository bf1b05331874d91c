import SluiceJSON
import SluiceLinux

/// Why an ItemReader could not produce its items.
///
/// The interpreter reports it as `States.ItemReaderFailed` with `cause` as the Cause, so the text names what a user
/// can act on: the bucket or key, the line, the field of ReaderConfig.
package struct ItemReaderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The Cause shown to the user.
    package var cause: String

    /// An error with the given cause.
    package init(cause: String) {
        self.cause = cause
    }

    package var description: String { cause }
}

extension ItemReaderError {
    static func noSuchBucket(_ bucket: String) -> ItemReaderError {
        ItemReaderError(
            cause: "The specified bucket does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchBucket) "
                + "Bucket: \(bucket)"
        )
    }

    static func noSuchKey(bucket: String, key: String) -> ItemReaderError {
        ItemReaderError(
            cause: "The specified key does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchKey) "
                + "Bucket: \(bucket), Key: \(key)"
        )
    }

    static func invalidKey(bucket: String, key: String, _ why: String) -> ItemReaderError {
        ItemReaderError(cause: "The key \(quoted(key)) in bucket \(bucket) is refused: \(why).")
    }

    static func config(_ message: String) -> ItemReaderError {
        ItemReaderError(cause: "Invalid ItemReader: \(message)")
    }

    /// A problem inside one object's content, prefixed with where it is.
    static func content(bucket: String, key: String, _ message: String) -> ItemReaderError {
        ItemReaderError(cause: "s3://\(bucket)/\(key): \(message)")
    }

    static func io(bucket: String, key: String, _ operation: String, errno code: Int32) -> ItemReaderError {
        ItemReaderError(cause: "s3://\(bucket)/\(key): \(operation) failed: \(Posix.message(code))")
    }

    /// Keys can hold anything, so error texts show them as JSON strings.
    static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
