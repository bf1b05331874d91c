/// Step Functions' execution statuses (DescribeExecution's `status`), spelled as AWS spells them.
package enum ExecutionStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
    case pendingRedrive = "PENDING_REDRIVE"

    package var description: String { rawValue }

    /// Ended for good or for now: not running.
    package var isClosed: Bool { self != .running && self != .pendingRedrive }

    /// RedriveExecution takes these (AWS redrives FAILED, TIMED_OUT and ABORTED executions).
    package var isRedrivable: Bool { self == .failed || self == .timedOut || self == .aborted }
}
