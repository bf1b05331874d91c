import Foundation
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// A stored execution in the shapes of Step Functions' ListExecutions and DescribeExecution responses.
struct ExecutionDocument {
    var execution: ExecutionRecord

    /// One entry of ListExecutions' `executions`.
    var listEntry: JSONValue {
        var o = JSONObject()
        o["executionArn"] = .string(execution.executionArn)
        o["stateMachineArn"] = .string(execution.stateMachineArn)
        o["name"] = .string(execution.name)
        o["status"] = .string(execution.status.rawValue)
        o["startDate"] = MapRunDocument.date(execution.startDate)
        if let stop = execution.stopDate { o["stopDate"] = MapRunDocument.date(stop) }
        return .object(o)
    }

    /// DescribeExecution's response: ListExecutions' fields, then input and output as JSON strings, as AWS returns
    /// them.
    var description: JSONValue {
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

    /// `SUCCEEDED  2026-11-27T07:00:00.000Z  NAME  ARN`, padded for a column.
    var line: String {
        let started = MapRunDocument.date(execution.startDate).stringValue ?? ""
        return
            "\(execution.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(started)  \(execution.executionArn)"
    }
}
