/// What happened to one state in an execution, as the console's graph view colours it.
package enum StateRunStatus: String, Sendable, Hashable, CaseIterable {
    /// Entered and exited (in every iteration that entered it).
    case succeeded = "SUCCEEDED"
    /// The error arose here and nothing caught it (in at least one iteration).
    case failed = "FAILED"
    /// It failed and one of its Catch rules took the execution on.
    case caught = "CAUGHT"
    /// Entered and not yet exited; the execution runs on.
    case running = "RUNNING"
    /// Entered, not exited, and the execution (or the branch or iteration it ran in) was stopped, timed out or
    /// ended by a failure elsewhere.
    case cancelled = "CANCELLED"
    /// Never entered.
    case notRun = "NOT_RUN"

    /// The class the SVG gives the state's group (`status-succeeded`, `status-not-run`, ...).
    package var cssClass: String {
        self == .notRun ? "status-not-run" : "status-" + rawValue.lowercased()
    }
}
