import GRDB
import SluiceInterpreter
import SluiceVocabulary

/// One execution as the store keeps it: DescribeExecution's fields, dates as seconds since 1970, input and output
/// as the JSON text AWS returns them in.
package struct ExecutionRecord: Sendable, Hashable {
    package var executionArn: String
    package var stateMachineArn: String
    package var name: String
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
    package var status: ExecutionStatus
    package var startDate: Double
    package var stopDate: Double?
    package var input: String
    package var output: String?
    package var error: String?
    package var cause: String?
    package var redriveCount: Int

    package init(
        executionArn: String,
        stateMachineArn: String,
        name: String,
        status: ExecutionStatus,
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
            // A status this version does not know reads as FAILED (closed, and redrivable).
            status: ExecutionStatus(rawValue: row["status"]) ?? .failed,
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
        [
            executionArn, stateMachineArn, name, status.rawValue, startDate, stopDate, input, output, error, cause,
            redriveCount,
        ]
    }
}
