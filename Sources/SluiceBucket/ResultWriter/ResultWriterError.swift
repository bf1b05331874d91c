import SluiceJSON
import SluiceLinux

/// Why a ResultWriter could not write a map run's results.
///
/// The interpreter reports it as `States.ResultWriterFailed` with `cause` as the Cause, so the text names what a
/// user can act on: the bucket, the key and file, and what the operating system said.
package struct ResultWriterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The Cause shown to the user.
    package var cause: String

    /// An error with the given cause.
    package init(cause: String) {
        self.cause = cause
    }

    package var description: String { cause }
}

extension ResultWriterError {
    static func noSuchBucket(_ bucket: String) -> ResultWriterError {
        ResultWriterError(
            cause: "The specified bucket does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchBucket) "
                + "Bucket: \(bucket)"
        )
    }

    /// A ResultWriter field the writer cannot act on (Parameters, WriterConfig, Resource).
    static func invalid(_ message: String) -> ResultWriterError {
        ResultWriterError(cause: "Invalid ResultWriter: \(message)")
    }

    /// An operating system call failed on `path`, which holds (or will hold) `key` in `bucket`.
    static func io(
        bucket: String,
        key: String,
        path: String,
        _ failure: Posix.Errno
    ) -> ResultWriterError {
        ResultWriterError(
            cause: "Could not write s3://\(bucket)/\(key): \(failure.operation) \(quoted(path)) failed: "
                + "\(failure.message) (errno \(failure.code))"
        )
    }

    /// The writer was used after it finished or failed: a bug in its owner, reported rather than trapped on.
    static func closed(_ mapRunArn: String) -> ResultWriterError {
        ResultWriterError(cause: "The results of map run \(mapRunArn) are already complete")
    }

    /// Paths and keys can hold anything, so error texts show them as JSON strings.
    static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
