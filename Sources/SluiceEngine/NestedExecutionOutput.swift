import SluiceJSON
import SluiceStore
import SluiceTopics
import SluiceVocabulary

/// What a startExecution task answers, in the shapes Step Functions gives them: the SDK's StartExecution result
/// (dates in epoch milliseconds, with its HTTP metadata) and DescribeExecution's for `.sync` and `.sync:2`
/// (PascalCase fields in alphabetical order).
enum NestedExecutionOutput {
    static func started(_ start: ChildExecutionStart, requestId: String) -> JSONValue {
        var answer = JSONObject()
        answer["executionArn"] = .string(start.executionArn)
        answer["startDate"] = .double(Double(start.startMillis) / 1000)
        let length = String(JSONValue.object(answer).serialized().utf8.count)
        let date = HTTPDate.format(Timestamp(epochMilliseconds: start.startMillis))
        var headers = JSONObject()
        headers["Content-Length"] = .string(length)
        headers["Content-Type"] = "application/x-amz-json-1.0"
        headers["Date"] = .string(date)
        headers["x-amzn-RequestId"] = .string(requestId)
        var http = JSONObject()
        http["AllHttpHeaders"] = .object(JSONObject(headers.entries.map { ($0.key, JSONValue.array([$0.value])) }))
        http["HttpHeaders"] = .object(headers)
        http["HttpStatusCode"] = 200
        var o = JSONObject()
        o["ExecutionArn"] = .string(start.executionArn)
        o["SdkHttpMetadata"] = .object(http)
        o["SdkResponseMetadata"] = ["RequestId": .string(requestId)]
        o["StartDate"] = .int(Int(start.startMillis))
        return .object(o)
    }

    /// DescribeExecution of an ended child; with `json` (`.sync:2`) its Input and Output are JSON, not JSON text.
    static func described(_ record: ExecutionRecord, json: Bool) -> JSONValue {
        func data(_ text: String) -> JSONValue {
            guard json else { return .string(text) }
            return (try? JSONParser.parse(text)) ?? .string(text)
        }
        var o = JSONObject()
        if let cause = record.cause { o["Cause"] = .string(cause) }
        if let error = record.error { o["Error"] = .string(error) }
        o["ExecutionArn"] = .string(record.executionArn)
        o["Input"] = data(record.input)
        o["InputDetails"] = ["Included": true]
        o["Name"] = .string(record.name)
        if let output = record.output {
            o["Output"] = data(output)
            o["OutputDetails"] = ["Included": true]
        }
        o["StartDate"] = .int(Int((record.startDate * 1000).rounded()))
        o["StateMachineArn"] = .string(record.stateMachineArn)
        o["Status"] = .string(record.status.rawValue)
        if let stop = record.stopDate { o["StopDate"] = .int(Int((stop * 1000).rounded())) }
        return .object(o)
    }
}
