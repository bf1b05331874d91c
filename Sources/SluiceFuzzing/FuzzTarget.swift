import SluiceJSON

/// The parsers sluice runs on input from outside (files dropped into buckets, definitions, patterns, API requests,
/// worker output), each as a fuzz target: bytes in, parsed and evaluated, and nothing else may happen (no crash,
/// no hang, no unbounded memory). `sluice-fuzz` drives them under libFuzzer; the corpus replay test feeds them the
/// committed corpora and crash inputs.
///
/// Targets that take two or three inputs read them separated by NUL bytes (`FuzzInput.parts`): JSON text never
/// holds one, so the seeds are the conformance files joined with NULs and the fuzzer learns to move the split.
package enum FuzzTarget: String, CaseIterable, Sendable {
    case json
    case jsonPath = "jsonpath"
    case referencePath = "referencepath"
    case aslDefinition = "asl"
    case intrinsic
    case eventPattern = "eventpattern"
    case inputTransformer = "transformer"
    case filterPolicy = "filterpolicy"
    case csvItems = "items-csv"
    case jsonLinesItems = "items-jsonl"
    case jsonItems = "items-json"
    case compressedItems = "items-compressed"
    case workerAnswer = "workeranswer"
    case jsonata
    case xml
    case queryForm = "queryform"
    case awsChunked = "awschunked"
    case signatureV4 = "sigv4"

    /// Runs the target on one input; errors the parser reports are the expected outcome and are dropped.
    package func run(_ input: [UInt8]) {
        switch self {
        case .json: Self.json(input)
        case .jsonPath: Self.jsonPath(input)
        case .referencePath: Self.referencePath(input)
        case .aslDefinition: Self.aslDefinition(input)
        case .intrinsic: Self.intrinsic(input)
        case .eventPattern: Self.eventPattern(input)
        case .inputTransformer: Self.inputTransformer(input)
        case .filterPolicy: Self.filterPolicy(input)
        case .csvItems: Self.items(input, config: ["InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"])
        case .jsonLinesItems: Self.items(input, config: ["InputType": "JSONL"])
        case .jsonItems: Self.items(input, config: ["InputType": "JSON"])
        case .compressedItems: Self.items(input, config: ["InputType": "JSONL"])
        case .workerAnswer: Self.workerAnswer(input)
        case .jsonata: Self.jsonata(input)
        case .xml: Self.xml(input)
        case .queryForm: Self.queryForm(input)
        case .awsChunked: Self.awsChunked(input)
        case .signatureV4: Self.signatureV4(input)
        }
    }
}
