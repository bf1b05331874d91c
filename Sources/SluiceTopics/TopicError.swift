/// A Publish that SNS would refuse, with SNS's error code, HTTP status and message.
///
/// Step Functions names a failed `sns:publish` after the SDK exception: `SNS.` + `exceptionName`
/// (`SNS.InvalidParameterException`), and its cause is the SDK's message line (see `TopicTasks`).
package struct TopicError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidParameter
        case invalidParameterValue
        case notFound
        case internalError
    }

    private let code: Code
    /// SNS's message, e.g. `Invalid parameter: Empty message`.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// SNS's `InvalidParameter` (HTTP 400); the message always starts with "Invalid parameter: ".
    package static func invalidParameter(_ detail: String) -> TopicError {
        TopicError(.invalidParameter, "Invalid parameter: " + detail)
    }

    /// SNS's `ParameterValueInvalid` (HTTP 400), raised for malformed message attributes.
    package static func invalidParameterValue(_ message: String) -> TopicError {
        TopicError(.invalidParameterValue, message)
    }

    /// SNS's `NotFound` (HTTP 404).
    package static func notFound(_ message: String) -> TopicError {
        TopicError(.notFound, message)
    }

    /// SNS's `InternalError` (HTTP 500): sluice could not store the message.
    package static func internalError(_ message: String) -> TopicError {
        TopicError(.internalError, message)
    }

    /// The error code SNS answers with (the `Error Code` of the SDK's message).
    package var errorCode: String {
        switch code {
        case .invalidParameter: "InvalidParameter"
        case .invalidParameterValue: "ParameterValueInvalid"
        case .notFound: "NotFound"
        case .internalError: "InternalError"
        }
    }

    /// The SDK's exception class for the code, which is what Step Functions puts after `SNS.`.
    package var exceptionName: String {
        switch code {
        case .invalidParameter: "InvalidParameterException"
        case .invalidParameterValue: "InvalidParameterValueException"
        case .notFound: "NotFoundException"
        case .internalError: "InternalErrorException"
        }
    }

    /// The HTTP status SNS answers with.
    package var statusCode: Int {
        switch code {
        case .invalidParameter, .invalidParameterValue: 400
        case .notFound: 404
        case .internalError: 500
        }
    }

    package var description: String { "\(errorCode): \(message)" }
}
