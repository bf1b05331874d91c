import GRDB
import SluiceVocabulary

/// A Distributed Map's child execution as the store keeps it, for ListExecutions with a `mapRunArn` and
/// DescribeExecution of a child: its identity, status, dates and error (its input and output stay in the
/// ResultWriter's files, where AWS writes them too).
package struct ChildExecutionRow: Sendable, Hashable {
    package var executionArn: String
    package var mapRunArn: String
    package var name: String
    package var stateMachineArn: String
    package var status: ExecutionStatus
    package var startDate: Double
    package var stopDate: Double
    package var error: String?
    package var cause: String?
    package var redriveCount: Int

    package init(mapRunArn: String, record: ChildExecutionRecord) {
        executionArn = record.executionArn
        self.mapRunArn = mapRunArn
        name = record.name
        stateMachineArn = record.stateMachineArn
        status = record.status
        startDate = Double(record.startDate.epochMilliseconds) / 1000
        stopDate = Double(record.stopDate.epochMilliseconds) / 1000
        error = record.error
        cause = record.cause
        redriveCount = record.redriveCount
    }

    static let columns =
        "executionArn, mapRunArn, name, stateMachineArn, status, startDate, stopDate, error, cause, redriveCount"

    init(row: Row) {
        executionArn = row["executionArn"]
        mapRunArn = row["mapRunArn"]
        name = row["name"]
        stateMachineArn = row["stateMachineArn"]
        status = ExecutionStatus(rawValue: row["status"]) ?? .failed
        startDate = row["startDate"]
        stopDate = row["stopDate"]
        error = row["error"]
        cause = row["cause"]
        redriveCount = row["redriveCount"]
    }

    var arguments: StatementArguments {
        [
            executionArn, mapRunArn, name, stateMachineArn, status.rawValue, startDate, stopDate, error, cause,
            redriveCount,
        ]
    }
}
