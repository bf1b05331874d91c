/// One token of a pattern document, as a streaming JSON reader hands it to the compiler.
///
/// The compiler reads tokens one at a time, as event-ruler's does, so the first problem met in document order is
/// the one reported, and whatever follows the pattern's closing brace is never read.
enum EventPatternToken: Equatable, Sendable {
    case startObject
    case endObject
    case startArray
    case endArray
    case fieldName(String)
    case string(String)
    /// A number, with its text exactly as written (`3.0e2` stays `3.0e2`).
    case number(String)
    case bool(Bool)
    case null
    case endOfInput

    /// The token's text as Jackson's `getText()` gives it, for the messages that quote a token.
    var text: String {
        switch self {
        case .startObject: "{"
        case .endObject: "}"
        case .startArray: "["
        case .endArray: "]"
        case .fieldName(let name): name
        case .string(let value): value
        case .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .endOfInput: "null"
        }
    }
}
