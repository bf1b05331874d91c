import SluiceJSON

/// A compiled `Parameters`, `ResultSelector`, `ItemSelector` or `Assign` template (JSONPath query language), or
/// the same fields of a JSONata state (`Arguments`, `Output`, `ItemSelector`, `Assign`, ...) as `jsonata`.
///
/// Compiled once at load time so each evaluation only walks the tree: keys ending in `.$` become paths or
/// intrinsic calls, everything else stays constant (whole constant subtrees collapse into one `constant` node).
package indirect enum PayloadTemplate: Sendable, Hashable {
    case constant(JSONValue)
    case object([PayloadField])
    case array([PayloadTemplate])
    /// A path from a `"key.$": "$..."` field: input (`$`), context (`$$`) or variable (`$name`).
    case path(String)
    case intrinsic(IntrinsicCall)
    /// A JSONata state's template: `{% %}` strings at any depth.
    case jsonata(JSONataTemplate)
}

/// One member of an object template. `fieldName` is the key as written (`value.$`), used in error messages.
package struct PayloadField: Sendable, Hashable {
    package var key: String
    package var fieldName: String
    package var value: PayloadTemplate

    package init(key: String, fieldName: String, value: PayloadTemplate) {
        self.key = key
        self.fieldName = fieldName
        self.value = value
    }
}

extension PayloadTemplate {
    /// Compiles a template, reporting bad `.$` values (not a string, not a path or intrinsic call) to `problems`.
    package static func compile(
        _ json: JSONValue,
        location: String,
        problems: inout [DefinitionProblem]
    ) -> PayloadTemplate {
        switch json {
        case .object(let object):
            var fields: [PayloadField] = []
            var dynamic = false
            for (key, value) in object.entries {
                let here = location + "/" + key
                if key.hasSuffix(".$") {
                    dynamic = true
                    let name = String(key.dropLast(2))
                    guard case .string(let expression) = value else {
                        problems.append(
                            DefinitionProblem(
                                code: "INVALID_JSON_PATH",
                                location: here,
                                message:
                                    "The value for the field '\(key)' must be a STRING that contains a JSONPath but was an \(value.typeName.uppercased())"
                            )
                        )
                        continue
                    }
                    if let node = compileExpression(expression, fieldName: key, location: here, problems: &problems) {
                        fields.append(PayloadField(key: name, fieldName: key, value: node))
                    }
                } else {
                    let node = compile(value, location: here, problems: &problems)
                    if case .constant = node {} else { dynamic = true }
                    fields.append(PayloadField(key: key, fieldName: key, value: node))
                }
            }
            return dynamic ? .object(fields) : .constant(json)
        case .array(let items):
            let nodes = items.enumerated().map { compile($1, location: "\(location)[\($0)]", problems: &problems) }
            if nodes.allSatisfy({ if case .constant = $0 { true } else { false } }) { return .constant(json) }
            return .array(nodes)
        default:
            return .constant(json)
        }
    }

    /// The value of a `.$` field: a path (`$`, `$$`, `$name`) or an intrinsic function call.
    static func compileExpression(
        _ expression: String,
        fieldName: String,
        location: String,
        problems: inout [DefinitionProblem]
    ) -> PayloadTemplate? {
        if expression.hasPrefix("$") {
            if let problem = PathSyntax.check(expression) {
                problems.append(
                    DefinitionProblem(
                        code: "INVALID_JSON_PATH",
                        location: location,
                        message:
                            "The value for the field '\(fieldName)' must be a valid JSONPath or a valid intrinsic function call (\(problem))"
                    )
                )
                return nil
            }
            return .path(expression)
        }
        if IntrinsicCall.looksLikeCall(expression) {
            do {
                return .intrinsic(try IntrinsicCall.parse(expression))
            } catch {
                problems.append(
                    DefinitionProblem(
                        code: "INVALID_INTRINSIC_FUNCTION",
                        location: location,
                        message:
                            "The value for the field '\(fieldName)' must be a valid JSONPath or a valid intrinsic function call (\(error.message))"
                    )
                )
                return nil
            }
        }
        problems.append(
            DefinitionProblem(
                code: "INVALID_JSON_PATH",
                location: location,
                message:
                    "The value for the field '\(fieldName)' must be a valid JSONPath or a valid intrinsic function call"
            )
        )
        return nil
    }
}
