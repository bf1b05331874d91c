/// A failure inside an execution, named the way Step Functions names it so Retry and Catch can match it by string.
public struct StatesError: Error, Hashable, Sendable {
    /// The error name (`States.Runtime`, `States.TaskFailed`, or a custom name from a task or Fail state).
    public var name: String
    /// The human-readable cause; AWS omits it in some cases, so it is optional.
    public var cause: String?

    public init(_ name: String, cause: String? = nil) {
        self.name = name
        self.cause = cause
    }
}

extension StatesError {
    /// The predefined error names of the States Language.
    public enum Name {
        public static let all = "States.ALL"
        public static let heartbeatTimeout = "States.HeartbeatTimeout"
        public static let timeout = "States.Timeout"
        public static let taskFailed = "States.TaskFailed"
        public static let permissions = "States.Permissions"
        public static let resultPathMatchFailure = "States.ResultPathMatchFailure"
        public static let parameterPathFailure = "States.ParameterPathFailure"
        public static let queryEvaluationError = "States.QueryEvaluationError"
        public static let branchFailed = "States.BranchFailed"
        public static let noChoiceMatched = "States.NoChoiceMatched"
        public static let intrinsicFailure = "States.IntrinsicFailure"
        public static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
        public static let itemReaderFailed = "States.ItemReaderFailed"
        public static let resultWriterFailed = "States.ResultWriterFailed"
        public static let runtime = "States.Runtime"
        public static let dataLimitExceeded = "States.DataLimitExceeded"
    }

    public static func runtime(_ cause: String) -> StatesError { StatesError(Name.runtime, cause: cause) }
    public static func intrinsicFailure(_ cause: String) -> StatesError {
        StatesError(Name.intrinsicFailure, cause: cause)
    }
}
