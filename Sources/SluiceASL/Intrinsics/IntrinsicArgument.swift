/// One argument of an intrinsic call, as written in the definition.
///
/// Literals are kept typed (an integer stays distinct from a decimal, as AWS keeps them), paths are kept as text for
/// the interpreter to resolve against the input, the context object or the variables, and nested calls are kept as
/// calls so they are evaluated in place.
package indirect enum IntrinsicArgument: Sendable, Hashable {
    /// A quoted literal with its escapes resolved (`\'` → `'`, `\{` → `{`, `\}` → `}`, `\\` → `\`).
    ///
    /// One exception: in the template (first argument) of `States.Format`, `\{`, `\}` and `\\` are kept escaped,
    /// because the template must still tell an escaped brace (literal text) from a `{}` placeholder when evaluated.
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    /// A path as written: `$`, `$.x`, `$$.Execution.Id`, `$myVar.field`; the interpreter resolves it.
    case path(String)
    case call(IntrinsicCall)
}

extension IntrinsicArgument: CustomStringConvertible {
    /// The argument as intrinsic-call source text, escapes restored.
    package var description: String { rendered(asFormatTemplate: false) }

    /// Source text; a `States.Format` template keeps its brace escapes already, so only quotes are escaped again.
    func rendered(asFormatTemplate: Bool) -> String {
        switch self {
        case .string(let text):
            var out = "'"
            for scalar in text.unicodeScalars {
                switch scalar {
                case "'": out += "\\'"
                case "\\", "{", "}":
                    if !asFormatTemplate { out += "\\" }
                    out.unicodeScalars.append(scalar)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "'"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .path(let path): return path
        case .call(let call): return call.description
        }
    }
}
