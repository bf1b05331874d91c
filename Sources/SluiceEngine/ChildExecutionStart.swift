/// StartExecution's answer for a child execution: its ARN and start date (milliseconds since 1970).
package struct ChildExecutionStart: Sendable, Hashable {
    package var executionArn: String
    package var startMillis: Int64

    package init(executionArn: String, startMillis: Int64) {
        self.executionArn = executionArn
        self.startMillis = startMillis
    }
}
