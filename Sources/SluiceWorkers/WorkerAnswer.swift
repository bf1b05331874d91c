import SluiceJSON

/// A persistent worker's answer line, `{"requestId", "result"}` or `{"requestId", "errorType", "errorMessage",
/// "stackTrace"}`: the one piece of the worker protocol that reads what a program outside sluice wrote, so it is
/// `package` for the fuzz targets (SluiceFuzzing) to reach.
package enum WorkerAnswer {
    /// The outcome one line gives; nil when it is not an answer to `requestId`.
    package static func parse(_ line: String, for requestId: String) -> Result<JSONValue, FunctionError>? {
        parse(bytes: Array(line.utf8), for: requestId)
    }

    /// The same from the line's bytes as the worker wrote them. Invalid UTF-8 is read as the text a String of it
    /// holds (each bad sequence one U+FFFD, in strings; anywhere else it is not JSON either way).
    package static func parse(bytes line: [UInt8], for requestId: String) -> Result<JSONValue, FunctionError>? {
        // The results stay the compact JSON they came as until something reads them: most go on whole, into a
        // result file and the journal.
        guard case .object(let o)? = try? JSONParser.parse(keepingNestedObjectsCompact: line),
            o["requestId"]?.stringValue == requestId
        else {
            return nil
        }
        if case .string(let type)? = o["errorType"] {
            return .failure(FunctionError(payload: o, type: type, requestId: requestId))
        }
        guard let result = o["result"] else { return nil }
        return .success(result)
    }
}
