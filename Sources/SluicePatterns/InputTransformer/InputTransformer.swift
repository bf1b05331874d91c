import SluiceJSON

/// A target's `InputTransformer`: variables read from the event by JSONPath (`InputPathsMap`) and substituted into
/// `InputTemplate`.
package struct InputTransformer: Sendable {
    /// One `InputPathsMap` entry: a variable name and the path whose value it takes.
    package struct Variable: Sendable, Hashable {
        /// The name used as `<name>` in the template.
        package let name: String
        /// Where in the event the value comes from.
        package let path: JSONPath
    }

    /// AWS's limit on `InputPathsMap` entries.
    static let maximumVariables = 100
    /// AWS's limit on an `InputPathsMap` key.
    static let maximumNameLength = 256
    /// AWS's limit on `InputTemplate`.
    static let maximumTemplateLength = 8192

    /// The `InputPathsMap` entries in the order they were written.
    package let variables: [Variable]
    /// The parsed `InputTemplate`.
    package let template: InputTemplate

    /// Reads and validates an `InputTransformer` object as PutTargets does: `InputTemplate` is required (1 to 8192
    /// characters), `InputPathsMap` has at most 100 entries whose keys match `[A-Za-z0-9_-]+` (1 to 256 characters)
    /// and whose values are JSON paths of at most 256 characters, and every `<placeholder>` in the template names a
    /// map key or a predefined `aws.events.*` variable.
    package init(object: JSONObject, targetId: String) throws(PatternError) {
        let templateText: String
        switch object["InputTemplate"] {
        case .string(let text)?:
            templateText = text
        case nil, .null?:
            throw TargetInputError.constraint(
                field: "InputTransformer.InputTemplate",
                targetId: targetId,
                "Member must not be null"
            )
        case let other?:
            throw TargetInputError.wrongType(
                field: "InputTransformer.InputTemplate",
                targetId: targetId,
                expected: "a string",
                got: other
            )
        }
        if templateText.isEmpty {
            throw TargetInputError.constraint(
                field: "InputTransformer.InputTemplate",
                targetId: targetId,
                "Member must have length greater than or equal to 1"
            )
        }
        try TargetInputError.checkLength(
            templateText,
            field: "InputTransformer.InputTemplate",
            targetId: targetId,
            maximum: Self.maximumTemplateLength
        )
        variables = try Self.readPathsMap(object["InputPathsMap"], targetId: targetId)
        template = InputTemplate(templateText)

        for name in template.placeholderNames
        where PredefinedVariable(rawValue: name) == nil && !variables.contains(where: { $0.name == name }) {
            throw PatternError(
                code: TargetInputError.code,
                message: "InputTemplate for target \(targetId) contains invalid placeholder \(name)."
            )
        }
    }

    /// The text the target receives, or nil when AWS drops the event (a JSON-object template that does not come out
    /// as valid JSON).
    package func render(event: JSONValue, context: TargetContext) -> String? {
        var cache: [String: JSONValue?] = [:]
        return template.render { name in
            if let cached = cache[name] { return cached }
            let value = value(of: name, event: event, context: context)
            // `.some` so that a variable with no value is remembered too (assigning nil would remove the entry).
            cache[name] = .some(value)
            return value
        }
    }

    /// A variable's value, nil when its path selects nothing: AWS then does not create the variable and it renders
    /// as an empty string. A JSON null is taken the same way, as a path evaluator that maps null to "no value" does.
    private func value(of name: String, event: JSONValue, context: TargetContext) -> JSONValue? {
        if let variable = variables.first(where: { $0.name == name }) {
            guard let value = variable.path.evaluate(event), !value.isNull else { return nil }
            return value
        }
        return PredefinedVariable(rawValue: name)?.value(event: event, context: context)
    }

    private static func readPathsMap(_ value: JSONValue?, targetId: String) throws(PatternError) -> [Variable] {
        let field = "InputTransformer.InputPathsMap"
        let map: JSONObject
        switch value {
        case nil, .null?:
            return []
        case .object(let object)?:
            map = object
        case let other?:
            throw TargetInputError.wrongType(field: field, targetId: targetId, expected: "an object", got: other)
        }
        if map.count > maximumVariables {
            throw TargetInputError.constraint(
                field: field,
                targetId: targetId,
                "Member must have length less than or equal to \(maximumVariables)"
            )
        }
        var variables: [Variable] = []
        for (name, pathValue) in map.entries {
            guard isValidName(name) else {
                throw TargetInputError.constraint(
                    field: field,
                    targetId: targetId,
                    "Map keys must satisfy constraint: [Member must have length less than or equal to "
                        + "\(maximumNameLength), Member must have length greater than or equal to 1, Member must "
                        + "satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]"
                )
            }
            guard case .string(let pathText) = pathValue else {
                throw TargetInputError.wrongType(
                    field: "\(field).\(name)",
                    targetId: targetId,
                    expected: "a string",
                    got: pathValue
                )
            }
            try TargetInputError.checkLength(
                pathText,
                field: "\(field).\(name)",
                targetId: targetId,
                maximum: TargetInput.maximumPathLength
            )
            let path = try TargetInputError.path(pathText, field: "\(field).\(name)", targetId: targetId)
            variables.append(Variable(name: name, path: path))
        }
        return variables
    }

    /// AWS's key pattern `[A-Za-z0-9_-]+`, 1 to 256 characters.
    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumNameLength && name.utf8.allSatisfy(InputTemplate.isNameByte)
            && !name.utf8.contains(UInt8(ascii: "."))
    }
}
