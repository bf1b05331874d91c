import SluiceJSON

/// Turns a definition document into a `StateMachineDefinition`, collecting every problem on the way
/// (the checks of AWS's ValidateStateMachineDefinition that concern single fields).
package struct DefinitionDecoder {
    var problems: [DefinitionProblem] = []
    /// The query language of the state being read: it decides how its fields are read.
    var language: QueryLanguage = .jsonPath

    package init() {}

    /// Decodes and validates a whole definition. The definition is returned only when no problem was found.
    package static func decode(_ json: JSONValue) -> Result<StateMachineDefinition, DefinitionErrors> {
        var decoder = DefinitionDecoder()
        let definition = decoder.machine(json, location: "", topLevel: true, inherited: .jsonPath)
        if let definition, decoder.problems.isEmpty {
            decoder.problems += GraphValidator.validate(definition, location: "")
        }
        guard let definition, decoder.problems.isEmpty else {
            return .failure(DefinitionErrors(problems: decoder.problems))
        }
        return .success(definition)
    }

    /// Parses the text first; a JSON syntax error is reported as a problem too.
    package static func decode(text: String) -> Result<StateMachineDefinition, DefinitionErrors> {
        do {
            return decode(try JSONParser.parse(text)).map { machine in
                var machine = machine
                machine.sourceText = text
                return machine
            }
        } catch {
            return .failure(
                DefinitionErrors(problems: [
                    DefinitionProblem(
                        code: "INVALID_JSON_DESCRIPTION",
                        location: "/",
                        message: "Invalid JSON: \(error)"
                    )
                ])
            )
        }
    }

    mutating func machine(
        _ json: JSONValue,
        location: String,
        topLevel: Bool,
        inherited: QueryLanguage,
        allowProcessorConfig: Bool = false
    ) -> StateMachineDefinition? {
        guard case .object(let object) = json else {
            problems.append(
                DefinitionProblem(location: location.isEmpty ? "/" : location, message: "Expected an object")
            )
            return nil
        }
        var r = FieldReader(object, location: location)
        let comment = r.string("Comment", &problems)
        var language = inherited
        if let ql = r.string("QueryLanguage", &problems) {
            if let parsed = queryLanguage(ql, location: r.at("QueryLanguage")) { language = parsed }
        }
        let startAt = r.string("StartAt", &problems)
        if startAt == nil, !r.has("StartAt") {
            problems.append(
                DefinitionProblem(
                    location: location.isEmpty ? "/" : location,
                    message: "The field 'StartAt' is required"
                )
            )
        }
        var timeout: Int?
        var version: String?
        if topLevel {
            timeout = r.int("TimeoutSeconds", &problems, minimum: 0, maximum: 99_999_999)
            version = r.string("Version", &problems)
        }
        if allowProcessorConfig { _ = r.raw("ProcessorConfig") }
        var states: [String: State] = [:]
        var names: [String] = []
        if let statesObject = r.object("States", &problems) {
            if statesObject.isEmpty {
                problems.append(
                    DefinitionProblem(location: r.at("States"), message: "The field 'States' must not be empty")
                )
            }
            for (name, value) in statesObject.entries {
                let here = location + "/States/" + name
                if name.isEmpty || name.count > 80 {
                    problems.append(
                        DefinitionProblem(location: here, message: "State names must be 1 to 80 characters long")
                    )
                }
                if let state = self.state(name: name, json: value, location: here, inherited: language) {
                    states[name] = state
                    names.append(name)
                }
            }
        } else if !r.has("States") {
            problems.append(
                DefinitionProblem(
                    location: location.isEmpty ? "/" : location,
                    message: "The field 'States' is required"
                )
            )
        }
        r.reportUnknown(&problems)
        var definition = StateMachineDefinition(startAt: startAt ?? "", states: states, stateNames: names)
        definition.comment = comment
        definition.timeoutSeconds = timeout
        definition.version = version
        definition.queryLanguage = language
        return definition
    }

    mutating func queryLanguage(_ text: String, location: String) -> QueryLanguage? {
        switch text {
        case "JSONPath": return .jsonPath
        case "JSONata": return .jsonata
        default:
            problems.append(
                DefinitionProblem(
                    location: location,
                    message: "QueryLanguage must be 'JSONPath' or 'JSONata', not '\(text)'"
                )
            )
            return nil
        }
    }
}

/// All the problems found in one definition.
package struct DefinitionErrors: Error, Hashable, Sendable, CustomStringConvertible {
    package var problems: [DefinitionProblem]
    package init(problems: [DefinitionProblem]) { self.problems = problems }
    package var description: String { problems.map(\.description).joined(separator: "\n") }
}
