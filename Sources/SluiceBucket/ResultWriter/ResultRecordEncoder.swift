import SluiceJSON
import SluiceVocabulary

/// Turns a child execution into the JSON entries ResultWriter writes for it, byte for byte as AWS does.
///
/// The full record is the DescribeExecution view of the child: keys in alphabetical order, Input and Output as JSON
/// strings, dates in UTC with milliseconds. Failed children have Error and Cause but no Output, and keep
/// OutputDetails; only succeeded children carry the "cannot be redriven" reason, as in result files AWS wrote.
///
/// Entries are built in reused buffers: this runs once per child, hundreds of thousands of times per map run.
struct ResultRecordEncoder {
    let transformation: ResultWriterConfig.Transformation
    private var entry: [UInt8] = []
    /// Input or Output as JSON text, before it is escaped into the record as a string.
    private var nested: [UInt8] = []
    private var dates = DateCache()

    init(transformation: ResultWriterConfig.Transformation) {
        self.transformation = transformation
    }

    /// Calls `body` with each JSON text the record contributes: one full record, one output, or (FLATTEN over an
    /// array output) one text per element, which may be none.
    mutating func forEachEntry<E: Error>(
        of record: ChildExecutionRecord,
        status: ResultStatus,
        _ body: ([UInt8]) throws(E) -> Void
    ) throws(E) {
        // AWS: "If a child workflow execution fails, Step Functions returns its execution result unchanged", i.e.
        // COMPACT and FLATTEN shape only the outputs of children that succeeded.
        switch (status, transformation) {
        case (.succeeded, .compact):
            entry.removeAll(keepingCapacity: true)
            (record.output ?? .null).write(to: &entry)
            try body(entry)
        case (.succeeded, .flatten):
            guard case .array(let elements) = record.output else {
                entry.removeAll(keepingCapacity: true)
                (record.output ?? .null).write(to: &entry)
                try body(entry)
                return
            }
            for element in elements {
                entry.removeAll(keepingCapacity: true)
                element.write(to: &entry)
                try body(entry)
            }
        default:
            entry.removeAll(keepingCapacity: true)
            Self.writeFullRecord(record, status: status, to: &entry, scratch: &nested, dates: &dates)
            try body(entry)
        }
    }

    /// The full record, keys written in AWS's (alphabetical) order; `scratch` holds Input and Output while they are
    /// serialized.
    static func writeFullRecord(
        _ record: ChildExecutionRecord,
        status: ResultStatus,
        to out: inout [UInt8],
        scratch: inout [UInt8],
        dates: inout DateCache
    ) {
        out.append(UInt8(ascii: "{"))
        if let cause = record.cause {
            ResultJSONBytes.append("\"Cause\":", to: &out)
            JSONValue.writeString(cause, to: &out)
            out.append(UInt8(ascii: ","))
        }
        if let error = record.error {
            ResultJSONBytes.append("\"Error\":", to: &out)
            JSONValue.writeString(error, to: &out)
            out.append(UInt8(ascii: ","))
        }
        ResultJSONBytes.append("\"ExecutionArn\":", to: &out)
        JSONValue.writeString(record.executionArn, to: &out)
        ResultJSONBytes.append(",\"Input\":", to: &out)
        appendAsString(record.input, to: &out, scratch: &scratch)
        ResultJSONBytes.append(",\"InputDetails\":{\"Included\":true},\"Name\":", to: &out)
        JSONValue.writeString(record.name, to: &out)
        if status == .succeeded || record.output != nil {
            ResultJSONBytes.append(",\"Output\":", to: &out)
            appendAsString(record.output ?? .null, to: &out, scratch: &scratch)
        }
        ResultJSONBytes.append(",\"OutputDetails\":{\"Included\":true},\"RedriveCount\":", to: &out)
        ResultJSONBytes.appendInt(record.redriveCount, to: &out)
        if status == .succeeded {
            ResultJSONBytes.append(",\"RedriveStatus\":\"NOT_REDRIVABLE\"", to: &out)
            ResultJSONBytes.append(
                ",\"RedriveStatusReason\":\"Execution is SUCCEEDED and cannot be redriven\"",
                to: &out
            )
        } else {
            // A failed child of a Distributed Map is redriven with its map run, never on its own.
            ResultJSONBytes.append(",\"RedriveStatus\":\"REDRIVABLE_BY_MAP_RUN\"", to: &out)
        }
        ResultJSONBytes.append(",\"StartDate\":", to: &out)
        dates.append(record.startDate, to: &out)
        ResultJSONBytes.append(",\"StateMachineArn\":", to: &out)
        JSONValue.writeString(record.stateMachineArn, to: &out)
        ResultJSONBytes.append(",\"Status\":", to: &out)
        JSONValue.writeString(record.status.rawValue, to: &out)
        ResultJSONBytes.append(",\"StopDate\":", to: &out)
        dates.append(record.stopDate, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON value written as a JSON string holding its compact text, as AWS writes Input and Output.
    private static func appendAsString(_ value: JSONValue, to out: inout [UInt8], scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        value.write(to: &scratch)
        scratch.withUnsafeBufferPointer { JSONValue.writeString(utf8: $0, to: &out) }
    }

    /// Dates as quoted JSON strings, `"2025-02-04T01:49:50.099Z"`.
    ///
    /// Children end close together, so consecutive dates nearly always share their second: the text up to the
    /// milliseconds is kept from the last date instead of formatting a calendar date twice per record.
    struct DateCache {
        private var second: Int64?
        /// `"2025-02-04T01:49:50.`, quote included.
        private var head: [UInt8] = []

        mutating func append(_ date: Timestamp, to out: inout [UInt8]) {
            if second != date.epochSeconds {
                let text = date.iso8601()
                head = [UInt8(ascii: "\"")] + text.utf8.dropLast(4)
                second = date.epochSeconds
            }
            out.append(contentsOf: head)
            let millis = Int(date.nanoseconds / 1_000_000)
            out.append(UInt8(ascii: "0") + UInt8(millis / 100))
            out.append(UInt8(ascii: "0") + UInt8(millis / 10 % 10))
            out.append(UInt8(ascii: "0") + UInt8(millis % 10))
            ResultJSONBytes.append("Z\"", to: &out)
        }
    }
}
