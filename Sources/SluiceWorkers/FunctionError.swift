import SluiceJSON

/// A failed invocation, shaped like Lambda's error payload so that Step Functions shows it the AWS way:
/// Error = errorType, Cause = `{"errorMessage", "errorType", "requestId", "stackTrace"}` as a JSON string.
package struct FunctionError: Error, Hashable, Sendable {
    package var errorType: String
    package var errorMessage: String
    package var requestId: String
    package var stackTrace: [String]

    package init(errorType: String, errorMessage: String, requestId: String, stackTrace: [String] = []) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.requestId = requestId
        self.stackTrace = stackTrace
    }

    /// The Cause text Step Functions records for a Lambda error.
    package var cause: String {
        var o = JSONObject()
        o["errorMessage"] = .string(errorMessage)
        o["errorType"] = .string(errorType)
        o["requestId"] = .string(requestId)
        o["stackTrace"] = .array(stackTrace.map { .string($0) })
        return JSONValue.object(o).serialized()
    }

    /// Lambda's answer to an invocation a function's ReservedConcurrency of 0 turns away (Invoke's HTTP 429).
    package static func throttled(requestId: String) -> FunctionError {
        FunctionError(errorType: throttleType, errorMessage: "Rate Exceeded.", requestId: requestId)
    }

    static let throttleType = "Lambda.TooManyRequestsException"

    /// Whether the invocation was turned away rather than run (Invoke answers it as an error, not as the
    /// function's).
    package var isThrottle: Bool { errorType == Self.throttleType }

    /// Lambda's timeout error.
    static func timedOut(requestId: String, seconds: Double) -> FunctionError {
        FunctionError(
            errorType: "Sandbox.Timedout",
            errorMessage: "RequestId: \(requestId) Error: Task timed out after \(format(seconds)) seconds",
            requestId: requestId
        )
    }

    /// A worker that exited or was killed without answering.
    static func exited(requestId: String, status: ProcessStatus, stderrTail: String) -> FunctionError {
        var message = "RequestId: \(requestId) Error: Runtime exited with error: \(status)"
        if !stderrTail.isEmpty { message += "\n" + stderrTail }
        return FunctionError(errorType: "Runtime.ExitError", errorMessage: message, requestId: requestId)
    }

    static func format(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// How a worker process ended.
package enum ProcessStatus: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    package var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "signal: \(Self.signalName(signal))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case 9: "killed"
        case 15: "terminated"
        case 6: "aborted"
        case 11: "segmentation fault"
        default: "signal \(signal)"
        }
    }
}
