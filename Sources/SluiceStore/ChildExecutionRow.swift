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

    /// The ARN of the child's run's children up to their name (`Execution.childRecord` ends it with the name),
    /// kept once per run in sluice.db.
    var executionArnPrefix: Substring {
        guard executionArn.hasSuffix(name) else { return executionArn[...] }
        return executionArn.dropLast(name.count)
    }

    /// Whether `other` belongs to the same run's children (same ARNs but the name), compared without building the
    /// prefix when the strings are the run's shared ones.
    func sameRun(as other: ChildExecutionRow) -> Bool {
        mapRunArn == other.mapRunArn && stateMachineArn == other.stateMachineArn
            && executionArnPrefix == other.executionArnPrefix
    }

    /// Reads the columns of `SluiceDatabase.childColumns`.
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

}
