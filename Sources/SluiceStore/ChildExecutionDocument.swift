import SluiceJSON
import SluiceVocabulary

/// A map run's child execution in the shapes of ListExecutions (with `mapRunArn`) and DescribeExecution. Its input
/// and output are not kept in sluice.db (the ResultWriter's files have them), so DescribeExecution says they are
/// not included, as AWS does for data it does not return.
package struct ChildExecutionDocument: Sendable {
    package var row: ChildExecutionRow

    package init(row: ChildExecutionRow) { self.row = row }

    package var listEntry: JSONValue {
        var o = JSONObject()
        o["executionArn"] = .string(row.executionArn)
        o["stateMachineArn"] = .string(row.stateMachineArn)
        o["name"] = .string(row.name)
        o["status"] = .string(row.status.rawValue)
        o["startDate"] = DocumentDates.epochSeconds.value(row.startDate)
        o["stopDate"] = DocumentDates.epochSeconds.value(row.stopDate)
        o["mapRunArn"] = .string(row.mapRunArn)
        if row.redriveCount > 0 { o["redriveCount"] = .int(row.redriveCount) }
        return .object(o)
    }

    package var description: JSONValue {
        guard case .object(var o) = listEntry else { return listEntry }
        o["inputDetails"] = ["included": false]
        o["outputDetails"] = ["included": false]
        if let error = row.error { o["error"] = .string(error) }
        if let cause = row.cause { o["cause"] = .string(cause) }
        o["redriveCount"] = .int(row.redriveCount)
        return .object(o)
    }
}
