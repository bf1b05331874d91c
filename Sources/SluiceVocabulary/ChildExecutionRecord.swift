import SluiceJSON

/// A child execution of a map run, as ResultWriter records it (DESIGN.md "Distributed Map results").
package struct ChildExecutionRecord: Sendable, Hashable {
    package var executionArn: String
    package var name: String
    package var stateMachineArn: String
    package var input: JSONValue
    package var output: JSONValue?
    package var error: String?
    package var cause: String?
    package var status: ExecutionStatus
    package var startDate: Timestamp
    package var stopDate: Timestamp
    /// How many items the child processed (1, or the batch size).
    package var itemCount: Int
    /// How many times the child's map run had been redriven when it ran (the record's RedriveCount).
    package var redriveCount = 0

    package init(
        executionArn: String,
        name: String,
        stateMachineArn: String,
        input: JSONValue,
        output: JSONValue?,
        error: String?,
        cause: String?,
        status: ExecutionStatus,
        startDate: Timestamp,
        stopDate: Timestamp,
        itemCount: Int
    ) {
        self.executionArn = executionArn
        self.name = name
        self.stateMachineArn = stateMachineArn
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.itemCount = itemCount
    }

    package var succeeded: Bool { status == .succeeded }
}
