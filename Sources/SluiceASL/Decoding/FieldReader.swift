import SluiceJSON

/// Reads the fields of one JSON object of a definition, recording type errors and, at the end, every field that was
/// never read (AWS rejects unknown fields: "The field 'X' is not supported by Step Functions").
struct FieldReader {
    let object: JSONObject
    let location: String
    private var seen: Set<String> = []

    init(_ object: JSONObject, location: String) {
        self.object = object
        self.location = location
    }

    func has(_ key: String) -> Bool { object.contains(key) }

    mutating func raw(_ key: String) -> JSONValue? {
        guard let v = object[key] else { return nil }
        seen.insert(key)
        return v
    }

    mutating func string(_ key: String, _ problems: inout [DefinitionProblem]) -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else {
            problems.append(typeProblem(key, expected: "STRING", got: v))
            return nil
        }
        return s
    }

    mutating func bool(_ key: String, _ problems: inout [DefinitionProblem]) -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else {
            problems.append(typeProblem(key, expected: "BOOLEAN", got: v))
            return nil
        }
        return b
    }

    /// A whole number; `minimum`/`maximum` enforce AWS's ranges.
    mutating func int(
        _ key: String,
        _ problems: inout [DefinitionProblem],
        minimum: Int? = nil,
        maximum: Int? = nil
    ) -> Int? {
        guard let v = raw(key) else { return nil }
        guard case .int(let i) = v else {
            problems.append(typeProblem(key, expected: "INTEGER", got: v))
            return nil
        }
        if let minimum, i < minimum {
            problems.append(
                DefinitionProblem(location: at(key), message: "The value of '\(key)' must be at least \(minimum)")
            )
            return nil
        }
        if let maximum, i > maximum {
            problems.append(
                DefinitionProblem(location: at(key), message: "The value of '\(key)' must be at most \(maximum)")
            )
            return nil
        }
        return i
    }

    mutating func number(_ key: String, _ problems: inout [DefinitionProblem]) -> Double? {
        guard let v = raw(key) else { return nil }
        guard let d = v.doubleValue else {
            problems.append(typeProblem(key, expected: "NUMBER", got: v))
            return nil
        }
        return d
    }

    mutating func object(_ key: String, _ problems: inout [DefinitionProblem]) -> JSONObject? {
        guard let v = raw(key) else { return nil }
        guard case .object(let o) = v else {
            problems.append(typeProblem(key, expected: "OBJECT", got: v))
            return nil
        }
        return o
    }

    mutating func array(_ key: String, _ problems: inout [DefinitionProblem]) -> [JSONValue]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let a) = v else {
            problems.append(typeProblem(key, expected: "ARRAY", got: v))
            return nil
        }
        return a
    }

    /// A path field (`InputPath`, `SecondsPath`, ...): a string that is a valid path.
    mutating func path(_ key: String, _ problems: inout [DefinitionProblem]) -> String? {
        guard let s = string(key, &problems) else { return nil }
        if let problem = PathSyntax.check(s) {
            problems.append(
                DefinitionProblem(
                    code: "INVALID_JSON_PATH",
                    location: at(key),
                    message: "The value for the field '\(key)' must be a valid JSONPath: \(problem)"
                )
            )
            return nil
        }
        return s
    }

    func at(_ key: String) -> String { location + "/" + key }

    func typeProblem(_ key: String, expected: String, got: JSONValue) -> DefinitionProblem {
        DefinitionProblem(
            location: at(key),
            message: "Expected value of type \(expected) for the field '\(key)' but got \(got.typeName.uppercased())"
        )
    }

    /// Reports every field not read so far.
    func reportUnknown(_ problems: inout [DefinitionProblem]) {
        for key in object.keys where !seen.contains(key) {
            problems.append(
                DefinitionProblem(location: at(key), message: "The field '\(key)' is not supported by Step Functions")
            )
        }
    }
}
