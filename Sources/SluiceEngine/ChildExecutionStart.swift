/// StartExecution's answer for a child execution: its ARN and start date (milliseconds since 1970).
package struct ChildExecutionStart: Sendable, Hashable {
    package var executionArn: String
    package var startMillis: Int64
    /// Started by this request, not found again (a parent carried on after a restart asking for its child).
    package var fresh: Bool

    package init(executionArn: String, startMillis: Int64, fresh: Bool = true) {
        self.executionArn = executionArn
        self.startMillis = startMillis
        self.fresh = fresh
    }
}
