import SluiceASL
import SluiceJSON

/// Evaluates intrinsic function calls (JSONPath query language) the way Step Functions does: same results, same
/// formatting, and `States.IntrinsicFailure` when an argument has the wrong type or is out of range.
///
/// Arguments are evaluated left to right (paths through `resolvePath`, nested calls recursively) before the function
/// runs, so a path that cannot be resolved fails with the caller's error before any argument is checked.
package enum IntrinsicEvaluator {
    /// Evaluates `call` and its nested calls.
    ///
    /// `resolvePath` turns a path argument into its value and throws `StatesError` when it cannot (the caller builds
    /// AWS's message); `random` feeds `States.UUID` and unseeded `States.MathRandom`.
    package static func evaluate<R: RandomNumberGenerator>(
        _ call: IntrinsicCall,
        resolvePath: (String) throws(StatesError) -> JSONValue,
        random: inout R
    ) throws(StatesError) -> JSONValue {
        guard let function = call.function else {
            throw StatesError.intrinsicFailure("'\(call.name)' is not a known intrinsic function.")
        }
        guard function.accepts(argumentCount: call.arguments.count) else {
            throw StatesError.intrinsicFailure(
                "\(function.rawValue) takes \(function.arityDescription) argument(s) but \(call.arguments.count) "
                    + (call.arguments.count == 1 ? "was" : "were") + " given."
            )
        }
        var values: [JSONValue] = []
        values.reserveCapacity(call.arguments.count)
        for argument in call.arguments {
            switch argument {
            case .string(let text): values.append(.string(text))
            case .int(let number): values.append(.int(number))
            case .double(let number): values.append(.double(number))
            case .bool(let flag): values.append(.bool(flag))
            case .null: values.append(.null)
            case .path(let path): values.append(try resolvePath(path))
            case .call(let inner): values.append(try evaluate(inner, resolvePath: resolvePath, random: &random))
            }
        }
        return try apply(function, values: values, random: &random)
    }

    /// Runs one function on evaluated arguments (also JSONata's `$partition`, `$range`, `$hash`, `$parse`, ...).
    package static func apply<R: RandomNumberGenerator>(
        _ function: IntrinsicFunctionName,
        values: [JSONValue],
        random: inout R
    ) throws(StatesError) -> JSONValue {
        let arguments = Arguments(function: function, values: values)
        switch function {
        case .format: return try format(arguments)
        case .stringToJson: return try stringToJson(arguments)
        case .jsonToString: return jsonToString(arguments)
        case .array: return .array(values)
        case .arrayPartition: return try arrayPartition(arguments)
        case .arrayContains: return try arrayContains(arguments)
        case .arrayRange: return try arrayRange(arguments)
        case .arrayGetItem: return try arrayGetItem(arguments)
        case .arrayLength: return try arrayLength(arguments)
        case .arrayUnique: return try arrayUnique(arguments)
        case .base64Encode: return try base64Encode(arguments)
        case .base64Decode: return try base64Decode(arguments)
        case .hash: return try hash(arguments)
        case .jsonMerge: return try jsonMerge(arguments)
        case .mathRandom: return try mathRandom(arguments, random: &random)
        case .mathAdd: return try mathAdd(arguments)
        case .stringSplit: return try stringSplit(arguments)
        case .uuid: return uuid(random: &random)
        }
    }
}

extension IntrinsicEvaluator {
    /// The evaluated arguments of one call, with typed accessors that fail the way AWS does on a wrong type.
    struct Arguments {
        let function: IntrinsicFunctionName
        let values: [JSONValue]

        var count: Int { values.count }

        subscript(position: Int) -> JSONValue { values[position] }

        /// A failure of this function, its name leading the message.
        func failure(_ detail: String) -> StatesError {
            StatesError.intrinsicFailure("Invalid arguments in \(function.rawValue): \(detail)")
        }

        /// A wrong-type failure naming the argument (1-based, as people count) and what it held instead.
        func typeMismatch(_ position: Int, expected: String) -> StatesError {
            let value = values[position]
            return failure(
                "argument \(position + 1) must be \(expected), but was \(article(value.typeName)) \(value.typeName): "
                    + IntrinsicEvaluator.excerpt(value)
            )
        }

        func string(_ position: Int) throws(StatesError) -> String {
            guard case .string(let text) = values[position] else { throw typeMismatch(position, expected: "a string") }
            return text
        }

        func array(_ position: Int) throws(StatesError) -> [JSONValue] {
            guard case .array(let items) = values[position] else { throw typeMismatch(position, expected: "an array") }
            return items
        }

        func object(_ position: Int) throws(StatesError) -> JSONObject {
            guard case .object(let object) = values[position] else {
                throw typeMismatch(position, expected: "a JSON object")
            }
            return object
        }

        func bool(_ position: Int) throws(StatesError) -> Bool {
            guard case .bool(let flag) = values[position] else { throw typeMismatch(position, expected: "a boolean") }
            return flag
        }

        /// An integer argument. Decimals are rounded half up, as Java's `Math.round` does (AWS documents that
        /// non-integer numbers are rounded to the nearest integer; 2.5 gives 3 and -2.5 gives -2).
        func integer(_ position: Int) throws(StatesError) -> Int {
            switch values[position] {
            case .int(let number):
                return number
            case .double(let number):
                guard let rounded = IntrinsicEvaluator.roundHalfUp(number) else {
                    throw failure("argument \(position + 1) is out of the integer range: \(number)")
                }
                return rounded
            default:
                throw typeMismatch(position, expected: "an integer")
            }
        }

        private func article(_ word: String) -> String {
            word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        }
    }

    /// Java's `Math.round`: the nearest integer, halves rounded up (towards positive infinity); nil when the value has
    /// no integer counterpart in range.
    static func roundHalfUp(_ value: Double) -> Int? {
        guard value.isFinite else { return nil }
        let floor = value.rounded(.down)
        // value - floor is exact for every double, so the half test is exact too (no 0.49999999999999994 trap).
        let rounded = value - floor >= 0.5 ? floor + 1 : floor
        guard rounded >= -9.223_372_036_854_775_808e18, rounded < 9.223_372_036_854_775_808e18 else { return nil }
        return Int(rounded)
    }

    /// A value quoted in an error message, cut short so a huge payload cannot bloat the cause.
    static func excerpt(_ value: JSONValue) -> String {
        let text = jsonText(value)
        guard text.count > 100 else { return text }
        return String(text.prefix(100)) + "..."
    }
}
