/// A value inside the evaluator: JSON plus functions, with JavaScript's reference semantics for arrays and
/// objects (jsonata-js marks arrays as sequences and the transform operator edits its copy in place).
/// Undefined is `nil` of `JV?`.
enum JV {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(JArray)
    case object(JObject)
    case function(JFunction)

    var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }

    var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// JavaScript's typeof, as jsonata-js's type checks read it (null is "object", arrays too).
    var jsType: String {
        switch self {
        case .null, .array, .object: "object"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .function: "function"
        }
    }
}
