import SluiceJSON

/// ResultWriter's WriterConfig: how each file is laid out and what each child contributes to it.
///
/// Without WriterConfig, exported results are JSON arrays of full records (AWS: "NONE ... Default when exporting
/// the child workflow execution results to Amazon S3 and WriterConfig is not specified").
struct ResultWriterConfig: Sendable, Hashable {
    enum OutputType: String, Sendable {
        /// Each file is one JSON array.
        case json = "JSON"
        /// Each file holds one JSON value per line.
        case jsonl = "JSONL"
    }

    enum Transformation: String, Sendable {
        /// The full child execution record (ExecutionArn, Input, Output, dates, ...).
        case none = "NONE"
        /// Only a succeeded child's output.
        case compact = "COMPACT"
        /// Only a succeeded child's output, with an array output spread into one entry per element.
        case flatten = "FLATTEN"
    }

    var outputType: OutputType = .json
    var transformation: Transformation = .none

    /// The result file extension, which follows the format so readers can tell JSON Lines from a JSON array.
    var fileExtension: String { outputType == .json ? "json" : "jsonl" }

    init(outputType: OutputType = .json, transformation: Transformation = .none) {
        self.outputType = outputType
        self.transformation = transformation
    }

    /// Reads WriterConfig as the interpreter passes it (an empty object when the definition has none).
    init(_ config: JSONObject) throws(ResultWriterError) {
        if let value = config["OutputType"] {
            guard let name = value.stringValue, let type = OutputType(rawValue: name) else {
                throw .invalid("WriterConfig.OutputType must be JSON or JSONL, not \(value.serialized())")
            }
            outputType = type
        }
        if let value = config["Transformation"] {
            guard let name = value.stringValue, let transformation = Transformation(rawValue: name) else {
                throw .invalid(
                    "WriterConfig.Transformation must be NONE, COMPACT or FLATTEN, not \(value.serialized())"
                )
            }
            self.transformation = transformation
        }
    }
}
