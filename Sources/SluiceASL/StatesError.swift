/// A failure inside an execution, named the way Step Functions names it so Retry and Catch can match it by string.
package struct StatesError: Error, Hashable, Sendable {
    /// The error name (`States.Runtime`, `States.TaskFailed`, or a custom name from a task or Fail state).
    package var name: String
    /// The human-readable cause; AWS omits it in some cases, so it is optional.
    package var cause: String?

    package init(_ name: String, cause: String? = nil) {
        self.name = name
        self.cause = cause
    }
}

extension StatesError {
    /// The predefined error names of the States Language.
    package enum Name {
        package static let all = "States.ALL"
        package static let heartbeatTimeout = "States.HeartbeatTimeout"
        package static let timeout = "States.Timeout"
        package static let taskFailed = "States.TaskFailed"
        package static let permissions = "States.Permissions"
        package static let resultPathMatchFailure = "States.ResultPathMatchFailure"
        package static let parameterPathFailure = "States.ParameterPathFailure"
        package static let queryEvaluationError = "States.QueryEvaluationError"
        package static let branchFailed = "States.BranchFailed"
        package static let noChoiceMatched = "States.NoChoiceMatched"
        package static let intrinsicFailure = "States.IntrinsicFailure"
        package static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
        package static let itemReaderFailed = "States.ItemReaderFailed"
        package static let resultWriterFailed = "States.ResultWriterFailed"
        package static let runtime = "States.Runtime"
        package static let dataLimitExceeded = "States.DataLimitExceeded"
    }

    package static func runtime(_ cause: String) -> StatesError { StatesError(Name.runtime, cause: cause) }
    package static func intrinsicFailure(_ cause: String) -> StatesError {
        StatesError(Name.intrinsicFailure, cause: cause)
    }
}
