import SluiceJSON
import SluiceVocabulary

extension ChoiceRule {
    /// Decodes one rule; `topLevel` rules must have Next, nested ones must not. Appends every problem found
    /// (unknown/missing fields, wrong operand types e.g. NumericEquals with a string, bad path syntax, empty And) to
    /// `problems` with locations like "/States/ChoiceState/Choices[0]/And[1]". Returns nil when the rule is unusable.
    ///
    /// `Next` and `Assign` of a top-level rule are only checked here; `Choice.decode` keeps them.
    package static func decode(
        _ json: JSONValue,
        location: String,
        topLevel: Bool,
        problems: inout [DefinitionProblem]
    ) -> ChoiceRule? {
        guard case .object(let object) = json else {
            problems.append(
                DefinitionProblem(
                    location: location,
                    message: "Expected value of type OBJECT for a Choice Rule but got \(json.typeName.uppercased())"
                )
            )
            return nil
        }
        var fields = RuleFields(object: object, location: location)
        fields.checkCommon(topLevel: topLevel, &problems)

        let conditionKeys = object.keys.filter { isLogical($0) || ComparisonOperator.parse(fieldName: $0) != nil }
        guard conditionKeys.count == 1, let key = conditionKeys.first else {
            let message =
                conditionKeys.isEmpty
                ? "A Choice Rule must contain one of 'And', 'Or', 'Not' or a comparison operator with 'Variable'"
                : "A Choice Rule must contain only one of 'And', 'Or', 'Not' or a comparison operator, but found "
                    + conditionKeys.map { "'\($0)'" }.joined(separator: ", ")
            problems.append(DefinitionProblem(location: location, message: message))
            // The fields themselves are known ones, and Variable is still checked, so nothing is reported twice.
            for key in conditionKeys { _ = fields.read(key) }
            if fields.has("Variable") { _ = fields.referencePath("Variable", &problems) }
            fields.reportUnknown(&problems)
            return nil
        }

        let rule: ChoiceRule?
        switch key {
        case "And", "Or":
            let rules = fields.subRules(key, &problems)
            rule = rules.map { key == "And" ? .and($0) : .or($0) }
        case "Not":
            rule = fields.subRule(key, &problems).map { .not($0) }
        default:
            rule = fields.comparison(key, &problems)
        }
        fields.reportUnknown(&problems)
        return rule
    }

    private static func isLogical(_ key: String) -> Bool { key == "And" || key == "Or" || key == "Not" }
}

/// Reads the fields of one rule object, remembering which were read so the rest can be reported as unsupported.
private struct RuleFields {
    let object: JSONObject
    let location: String
    private var seen: Set<String> = []

    init(object: JSONObject, location: String) {
        self.object = object
        self.location = location
    }

    func has(_ key: String) -> Bool { object.contains(key) }

    func at(_ key: String) -> String { location + "/" + key }

    mutating func read(_ key: String) -> JSONValue? {
        guard let value = object[key] else { return nil }
        seen.insert(key)
        return value
    }

    /// `Comment` anywhere; `Next` (required) and `Assign` only on top-level rules, where AWS keeps them.
    mutating func checkCommon(topLevel: Bool, _ problems: inout [DefinitionProblem]) {
        if let comment = read("Comment"), comment.stringValue == nil {
            problems.append(typeProblem("Comment", expected: "STRING", got: comment))
        }
        guard topLevel else { return }
        if let next = read("Next") {
            if next.stringValue == nil { problems.append(typeProblem("Next", expected: "STRING", got: next)) }
        } else {
            problems.append(DefinitionProblem(location: location, message: "These fields are required: [Next]"))
        }
        if let assign = read("Assign"), assign.objectValue == nil {
            problems.append(typeProblem("Assign", expected: "OBJECT", got: assign))
        }
    }

    /// The non-empty array of nested rules under `And` / `Or`.
    mutating func subRules(_ key: String, _ problems: inout [DefinitionProblem]) -> [ChoiceRule]? {
        guard let value = read(key) else { return nil }
        guard case .array(let elements) = value else {
            problems.append(typeProblem(key, expected: "ARRAY", got: value))
            return nil
        }
        guard !elements.isEmpty else {
            problems.append(
                DefinitionProblem(
                    location: at(key),
                    message: "The field '\(key)' must contain at least one Choice Rule"
                )
            )
            return nil
        }
        var rules: [ChoiceRule] = []
        var usable = true
        // Every element is decoded, even after a bad one, so all problems are reported at once.
        for (index, element) in elements.enumerated() {
            let child = ChoiceRule.decode(
                element,
                location: "\(location)/\(key)[\(index)]",
                topLevel: false,
                problems: &problems
            )
            if let child { rules.append(child) } else { usable = false }
        }
        return usable ? rules : nil
    }

    mutating func subRule(_ key: String, _ problems: inout [DefinitionProblem]) -> ChoiceRule? {
        guard let value = read(key) else { return nil }
        return ChoiceRule.decode(value, location: at(key), topLevel: false, problems: &problems)
    }

    /// `Variable` plus the one operator field `key`.
    mutating func comparison(_ key: String, _ problems: inout [DefinitionProblem]) -> ChoiceRule? {
        guard let (op, isPath) = ComparisonOperator.parse(fieldName: key), let value = read(key) else { return nil }
        var variable: String?
        if has("Variable") {
            variable = referencePath("Variable", &problems)
        } else {
            problems.append(DefinitionProblem(location: location, message: "These fields are required: [Variable]"))
        }
        let operand: ComparisonOperand?
        if isPath {
            operand = referencePath(key, &problems).map { .path($0) }
        } else {
            operand = literal(value, of: op, key: key, &problems).map { .literal($0) }
        }
        guard let variable, let operand else { return nil }
        return .comparison(variable: variable, operator: op, operand: operand)
    }

    /// A literal operand of the type `op` compares; timestamps must also parse, since a comparison against an
    /// unreadable timestamp could never be true.
    private func literal(
        _ value: JSONValue,
        of op: ComparisonOperator,
        key: String,
        _ problems: inout [DefinitionProblem]
    ) -> JSONValue? {
        switch op.family {
        case .string, .pattern:
            guard value.stringValue != nil else {
                problems.append(typeProblem(key, expected: "STRING", got: value))
                return nil
            }
        case .numeric:
            guard value.isNumber else {
                problems.append(typeProblem(key, expected: "NUMBER", got: value))
                return nil
            }
        case .boolean, .typeTest:
            guard value.boolValue != nil else {
                problems.append(typeProblem(key, expected: "BOOLEAN", got: value))
                return nil
            }
        case .timestamp:
            guard let text = value.stringValue else {
                problems.append(typeProblem(key, expected: "STRING", got: value))
                return nil
            }
            guard Timestamp.parse(text) != nil else {
                problems.append(
                    DefinitionProblem(
                        location: at(key),
                        message: "The value of the field '\(key)' must be an ISO-8601 extended offset date-time "
                            + "format string, but got '\(text)'"
                    )
                )
                return nil
            }
        }
        return value
    }

    /// A string field holding a Reference Path (`Variable` and the `...Path` operands).
    mutating func referencePath(_ key: String, _ problems: inout [DefinitionProblem]) -> String? {
        guard let value = read(key) else { return nil }
        guard case .string(let path) = value else {
            problems.append(typeProblem(key, expected: "STRING", got: value))
            return nil
        }
        if let detail = ReferencePathSyntax.problem(in: path) {
            problems.append(
                DefinitionProblem(location: at(key), message: "Value is not a Reference Path: \(detail)")
            )
            return nil
        }
        return path
    }

    func typeProblem(_ key: String, expected: String, got: JSONValue) -> DefinitionProblem {
        DefinitionProblem(
            location: at(key),
            message: "Expected value of type \(expected) for the field '\(key)' but got \(got.typeName.uppercased())"
        )
    }

    func reportUnknown(_ problems: inout [DefinitionProblem]) {
        for key in object.keys where !seen.contains(key) {
            problems.append(
                DefinitionProblem(location: at(key), message: "The field '\(key)' is not supported by Step Functions")
            )
        }
    }
}

/// The shape of a Reference Path: a root (`$` for the input, `$$` for the context object, `$name` for a variable)
/// followed by `.name`, `['name']` and `[index]` steps only. AWS requires it for `Variable` and the `...Path`
/// operands because a comparison needs exactly one value, so wildcards, filters, slices and unions are refused.
private enum ReferencePathSyntax {
    static func problem(in path: String) -> String? {
        let chars = Array(path.unicodeScalars)
        guard chars.first == "$" else { return "Reference path didn't start with '$'" }
        var index = 1
        if index < chars.count, chars[index] == "$" {
            index += 1
        } else if index < chars.count, isIdentifierStart(chars[index]) {
            while index < chars.count, isIdentifierPart(chars[index]) { index += 1 }
        }
        while index < chars.count {
            switch chars[index] {
            case ".":
                index += 1
                let start = index
                while index < chars.count, !isNameTerminator(chars[index]) { index += 1 }
                guard index > start, index == chars.count || chars[index] != "*" else {
                    return "The path '\(path)' must reference a single value"
                }
            case "[":
                guard let next = bracketEnd(chars, from: index + 1) else {
                    return "The path '\(path)' must reference a single value"
                }
                index = next
            default:
                return "The path '\(path)' must reference a single value"
            }
        }
        return nil
    }

    /// Where a `[...]` step ends (just past `]`) when it is a quoted name or a non-negative index.
    private static func bracketEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        guard index < chars.count else { return nil }
        let first = chars[index]
        if first == "'" || first == "\"" {
            index += 1
            while index < chars.count, chars[index] != first {
                // A backslash keeps the next character, so an escaped quote does not end the name.
                index += chars[index] == "\\" ? 2 : 1
            }
            guard index < chars.count else { return nil }
            index += 1
        } else {
            let digitsStart = index
            while index < chars.count, ("0"..."9").contains(chars[index]) { index += 1 }
            guard index > digitsStart else { return nil }
        }
        guard index < chars.count, chars[index] == "]" else { return nil }
        return index + 1
    }

    private static func isNameTerminator(_ c: Unicode.Scalar) -> Bool {
        c == "." || c == "[" || c == "]" || c == "*"
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c)
    }
}
