import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// The EventBridge event Step Functions sends when an execution changes status, so rules can react to it
/// (e.g. a FAILED execution).
package enum StatusChangeEvent {
    package static func make(
        id: String,
        region: String,
        account: String,
        executionArn: String,
        stateMachineArn: String,
        name: String,
        status: String,
        startDate: Timestamp,
        stopDate: Timestamp?,
        input: JSONValue,
        outcome: ExecutionOutcome?
    ) -> JSONValue {
        var detail = JSONObject()
        detail["executionArn"] = .string(executionArn)
        detail["stateMachineArn"] = .string(stateMachineArn)
        detail["name"] = .string(name)
        detail["status"] = .string(status)
        detail["startDate"] = .int(Int(startDate.epochMilliseconds))
        detail["stopDate"] = stopDate.map { .int(Int($0.epochMilliseconds)) } ?? .null
        detail["input"] = .string(input.serialized())
        detail["inputDetails"] = ["included": true]
        switch outcome {
        case .succeeded(let output)?:
            detail["output"] = .string(output.serialized())
            detail["outputDetails"] = ["included": true]
        case .failed(let error, let cause)?, .timedOut(let error, let cause)?, .aborted(let error, let cause)?:
            detail["output"] = .null
            detail["outputDetails"] = .null
            detail["error"] = error.map { .string($0) } ?? .null
            detail["cause"] = cause.map { .string($0) } ?? .null
        case nil:
            detail["output"] = .null
            detail["outputDetails"] = .null
            detail["error"] = .null
            detail["cause"] = .null
        }
        var event = JSONObject()
        event["version"] = "0"
        event["id"] = .string(id)
        event["detail-type"] = "Step Functions Execution Status Change"
        event["source"] = "aws.states"
        event["account"] = .string(account)
        event["time"] = .string(String((stopDate ?? startDate).iso8601().prefix(19)) + "Z")
        event["region"] = .string(region)
        event["resources"] = [.string(executionArn)]
        event["detail"] = .object(detail)
        return .object(event)
    }
}
