/// An error answered to an AWS client: the code its SDK raises (`ExecutionDoesNotExist`, `NoSuchKey`), the
/// message, the HTTP status, and whether the caller (Sender) or the service (Receiver) is at fault.
package struct AWSError: Error, Sendable, Equatable {
    package var code: String
    package var message: String
    package var status: Int
    package var isSender: Bool

    package init(_ code: String, _ message: String, status: Int = 400, isSender: Bool = true) {
        self.code = code
        self.message = message
        self.status = status
        self.isSender = isSender
    }

    /// A failure of sluiced's own (a store that cannot be read): HTTP 500, the service at fault.
    package static func internalFailure(_ message: String) -> AWSError {
        AWSError("InternalFailure", message, status: 500, isSender: false)
    }

    /// The request's JSON or form fields do not fit the operation.
    package static func validation(_ message: String) -> AWSError {
        AWSError("ValidationException", message)
    }
}
