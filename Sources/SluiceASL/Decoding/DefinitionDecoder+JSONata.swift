import SluiceJSON
import SluiceJSONata

/// The fields of JSONata states: `{% %}` templates compiled (and their syntax checked) when the definition loads.
extension DefinitionDecoder {
    /// The JSONPath fields a JSONata state may not have, and the JSONata fields a JSONPath state may not have.
    static let jsonPathOnlyFields = [
        "InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "ItemsPath", "SecondsPath",
        "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "ErrorPath", "CausePath", "MaxConcurrencyPath",
        "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "Result",
    ]
    static let jsonataOnlyFields = ["Arguments", "Output", "Items", "Condition"]

    /// Reports the fields that belong to the other query language, as AWS's validator does.
    mutating func checkLanguageFields(_ r: inout FieldReader, language: QueryLanguage) {
        let foreign = language == .jsonata ? Self.jsonPathOnlyFields : Self.jsonataOnlyFields
        for key in foreign where r.has(key) {
            _ = r.raw(key)
            problems.append(
                DefinitionProblem(
                    code: "SCHEMA_VALIDATION_FAILED",
                    location: r.at(key),
                    message: "The field '\(key)' is not supported when the QueryLanguage is '\(language.rawValue)'"
                )
            )
        }
    }

    /// A JSONata field's value: JSON whose `{% %}` strings are expressions.
    mutating func jsonataTemplate(_ json: JSONValue, location: String) -> PayloadTemplate {
        .jsonata(compileJSONata(json, location: location))
    }

    private mutating func compileJSONata(_ json: JSONValue, location: String) -> JSONataTemplate {
        switch json {
        case .string(let s):
            guard let query = jsonataQuery(s, location: location) else { return .constant(json) }
            return .query(query)
        case .object(let object):
            var fields: [JSONataTemplateField] = []
            var dynamic = false
            for (key, value) in object.entries {
                let node = compileJSONata(value, location: location + "/" + key)
                if case .constant = node {} else { dynamic = true }
                fields.append(JSONataTemplateField(key: key, value: node))
            }
            return dynamic ? .object(fields) : .constant(json)
        case .array(let items):
            let nodes = items.enumerated().map { compileJSONata($1, location: "\(location)[\($0)]") }
            if nodes.allSatisfy({ if case .constant = $0 { true } else { false } }) { return .constant(json) }
            return .array(nodes)
        default:
            return .constant(json)
        }
    }

    /// The compiled expression of a `{% ... %}` string; nil for a plain string (or one with a problem, reported).
    mutating func jsonataQuery(_ string: String, location: String) -> JSONataQuery? {
        guard let body = JSONataQuery.templateBody(string) else {
            if string.hasPrefix("{%") {
                problems.append(
                    DefinitionProblem(
                        code: "SCHEMA_VALIDATION_FAILED",
                        location: location,
                        message: "The JSONata template '\(string)' must end with '%}'"
                    )
                )
            }
            return nil
        }
        let text = body.trimmingWhitespace()
        do {
            return JSONataQuery(text: text, expression: try JSONataExpression(text))
        } catch {
            problems.append(
                DefinitionProblem(
                    code: "SCHEMA_VALIDATION_FAILED",
                    location: location,
                    message: "The JSONata expression '\(text)' is not valid: \(error.code): \(error.message)"
                )
            )
            return nil
        }
    }

    /// One JSONata Choice rule: `Condition`, `Next`, and optionally `Output`, `Assign` and `Comment`.
    mutating func jsonataChoice(_ json: JSONValue, location: String) -> Choice? {
        guard case .object(let object) = json else {
            problems.append(DefinitionProblem(location: location, message: "A choice rule must be an object"))
            return nil
        }
        var r = FieldReader(object, location: location)
        _ = r.string("Comment", &problems)
        let next = r.string("Next", &problems)
        if next == nil, !r.has("Next") {
            problems.append(DefinitionProblem(location: location, message: "The field 'Next' is required"))
        }
        var condition: PayloadTemplate?
        switch r.raw("Condition") {
        case nil:
            problems.append(DefinitionProblem(location: location, message: "The field 'Condition' is required"))
        case .bool(let b)?: condition = .constant(.bool(b))
        case .string(let s)? where JSONataQuery.templateBody(s) != nil:
            condition = jsonataQuery(s, location: r.at("Condition")).map { .jsonata(.query($0)) }
        case let other?:
            problems.append(r.typeProblem("Condition", expected: "a JSONata expression or a boolean", got: other))
        }
        var choice = Choice(rule: .condition(condition ?? .constant(.bool(false))), next: next ?? "")
        if let o = r.raw("Output") { choice.output = jsonataTemplate(o, location: r.at("Output")) }
        if let a = r.raw("Assign") { choice.jsonataAssign = assign(a, location: r.at("Assign")) }
        r.reportUnknown(&problems)
        guard next != nil, condition != nil else { return nil }
        return choice
    }

    /// A field that a JSONata state may give literally (read by `read`) or as a `{% %}` expression.
    mutating func literalOrQuery<T>(
        _ key: String,
        _ r: inout FieldReader,
        read: (inout FieldReader, inout [DefinitionProblem]) -> T?
    ) -> ValueSource<T>? {
        if case .string(let s)? = r.object[key], JSONataQuery.templateBody(s) != nil {
            _ = r.raw(key)
            return jsonataQuery(s, location: r.at(key)).map { .query($0) }
        }
        return read(&r, &problems).map { .literal($0) }
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
