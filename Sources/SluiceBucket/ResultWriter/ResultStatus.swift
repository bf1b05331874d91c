import SluiceVocabulary

/// The three groups AWS sorts child executions into, each written to its own numbered files.
///
/// Cases are in the order of manifest.json's ResultFiles (alphabetical, as AWS writes them).
enum ResultStatus: String, CaseIterable, Sendable {
    /// FAILED_n: children that failed, timed out or were aborted.
    case failed = "FAILED"
    /// PENDING_n: children never started because the map run failed or was aborted.
    case pending = "PENDING"
    /// SUCCEEDED_n: children that succeeded.
    case succeeded = "SUCCEEDED"

    /// The group of a child execution with this status (AWS: "FAILED_n.json – Contains the consolidated data for
    /// all failed, timed out, and aborted child workflow executions").
    init(childStatus: ExecutionStatus) {
        switch childStatus {
        case .succeeded: self = .succeeded
        case .pendingRedrive: self = .pending
        default: self = .failed
        }
    }
}
