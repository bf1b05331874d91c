import SluiceJSON
import SluiceVocabulary

/// A stored execution in the shapes of Step Functions' ListExecutions and DescribeExecution responses.
package struct ExecutionDocument: Sendable {
    package var execution: ExecutionRecord
    /// How dates are written: ISO 8601 text for people, epoch seconds on the wire.
    package var dates: DocumentDates

    package init(execution: ExecutionRecord, dates: DocumentDates = .iso8601) {
        self.execution = execution
        self.dates = dates
    }

    /// One entry of ListExecutions' `executions`.
    package var listEntry: JSONValue {
        var o = JSONObject()
        o["executionArn"] = .string(execution.executionArn)
        o["stateMachineArn"] = .string(execution.stateMachineArn)
        o["name"] = .string(execution.name)
        o["status"] = .string(execution.status.rawValue)
        o["startDate"] = dates.value(execution.startDate)
        if let stop = execution.stopDate { o["stopDate"] = dates.value(stop) }
        return .object(o)
    }

    /// DescribeExecution's response: ListExecutions' fields, then input and output as JSON strings, as AWS returns
    /// them.
    package var description: JSONValue {
        var o = listEntry.objectValue ?? JSONObject()
        o["input"] = .string(execution.input)
        o["inputDetails"] = ["included": true]
        if let output = execution.output {
            o["output"] = .string(output)
            o["outputDetails"] = ["included": true]
        }
        if let error = execution.error { o["error"] = .string(error) }
        if let cause = execution.cause { o["cause"] = .string(cause) }
        o["redriveCount"] = .int(execution.redriveCount)
        return .object(o)
    }
}
