import SluiceJSON

/// Reads the members of one object of a configuration file, recording type errors and, at the end, every member
/// that was never read (an unknown field is almost always a typo the user wants to hear about).
struct ConfigReader {
    let object: JSONObject
    let file: String
    let location: String
    private var seen: Set<String> = []

    init(_ object: JSONObject, file: String, location: String) {
        self.object = object
        self.file = file
        self.location = location
    }

    func at(_ key: String) -> String { location + "/" + key }

    func problem(_ key: String?, _ message: String) -> ConfigProblem {
        ConfigProblem(file: file, location: key.map(at) ?? location, message: message)
    }

    func has(_ key: String) -> Bool { object.contains(key) }

    mutating func raw(_ key: String) -> JSONValue? {
        guard let v = object[key] else { return nil }
        seen.insert(key)
        return v
    }

    mutating func string(_ key: String, _ problems: inout [ConfigProblem]) -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else {
            problems.append(problem(key, "must be a string, not \(v.typeName)"))
            return nil
        }
        return s
    }

    mutating func bool(_ key: String, _ problems: inout [ConfigProblem]) -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else {
            problems.append(problem(key, "must be true or false, not \(v.typeName)"))
            return nil
        }
        return b
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>, _ problems: inout [ConfigProblem]) -> Int? {
        guard let v = raw(key) else { return nil }
        guard case .int(let i) = v, range.contains(i) else {
            problems.append(problem(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return i
    }

    mutating func object(_ key: String, _ problems: inout [ConfigProblem]) -> JSONObject? {
        guard let v = raw(key) else { return nil }
        guard case .object(let o) = v else {
            problems.append(problem(key, "must be an object, not \(v.typeName)"))
            return nil
        }
        return o
    }

    mutating func array(_ key: String, _ problems: inout [ConfigProblem]) -> [JSONValue]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let a) = v else {
            problems.append(problem(key, "must be an array, not \(v.typeName)"))
            return nil
        }
        return a
    }

    func reportUnknown(_ problems: inout [ConfigProblem]) {
        for key in object.keys where !seen.contains(key) {
            problems.append(problem(key, "unknown field '\(key)'"))
        }
    }
}
