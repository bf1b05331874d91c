import GRDB

/// One execution as the store keeps it: DescribeExecution's fields, dates as seconds since 1970, input and output
/// as the JSON text AWS returns them in.
public struct ExecutionRecord: Sendable, Hashable {
    public var executionArn: String
    public var stateMachineArn: String
    public var name: String
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
    public var status: String
    public var startDate: Double
    public var stopDate: Double?
    public var input: String
    public var output: String?
    public var error: String?
    public var cause: String?
    public var redriveCount: Int

    public init(
        executionArn: String,
        stateMachineArn: String,
        name: String,
        status: String,
        startDate: Double,
        stopDate: Double? = nil,
        input: String,
        output: String? = nil,
        error: String? = nil,
        cause: String? = nil,
        redriveCount: Int = 0
    ) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.redriveCount = redriveCount
    }

    init(row: Row) {
        self.init(
            executionArn: row["executionArn"],
            stateMachineArn: row["stateMachineArn"],
            name: row["name"],
            status: row["status"],
            startDate: row["startDate"],
            stopDate: row["stopDate"],
            input: row["input"],
            output: row["output"],
            error: row["error"],
            cause: row["cause"],
            redriveCount: row["redriveCount"]
        )
    }

    static let columns =
        "executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause, redriveCount"

    var arguments: StatementArguments {
        [executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause, redriveCount]
    }
}
