/// A reference path (ResultPath and the like): `$`, `$.a.b`, `$['a'].b`, `$.a[0]`, made of names and single
/// indices only, so it names exactly one node.
///
/// Two values are equal when they were written the same way.
package struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    package let text: String

    /// The same path for reading.
    package let path: JSONPath

    private enum Step {
        case name(String)
        case index(Int)
    }

    private let steps: [Step]

    /// Parses a reference path, rejecting wildcards, deep scans, slices, unions, filters and functions.
    package init(_ text: String) throws(JSONPathError) {
        let path = try JSONPath(text)
        var steps: [Step] = []
        for segment in path.segments {
            switch segment {
            case .name(let name): steps.append(.name(name))
            case .index(let index): steps.append(.index(index))
            case .names, .indices: throw Self.notReference(text, "unions are not allowed")
            case .wildcard: throw Self.notReference(text, "wildcards are not allowed")
            case .deepScan: throw Self.notReference(text, "'..' is not allowed")
            case .slice: throw Self.notReference(text, "slices are not allowed")
            case .filter: throw Self.notReference(text, "filters are not allowed")
            case .length: throw Self.notReference(text, "functions are not allowed")
            }
        }
        if path.countsMatches { throw Self.notReference(text, "'..' is not allowed") }
        self.text = text
        self.path = path
        self.steps = steps
    }

    /// True for `$`, which stands for the whole document.
    package var isRoot: Bool { steps.isEmpty }

    /// The node at the path, or nil when it does not exist.
    package func evaluate(_ root: JSONValue) -> JSONValue? {
        path.evaluate(root)
    }

    /// Returns `root` with `value` placed at the path, the way ResultPath combines a result with the state input.
    ///
    /// `$` replaces the whole document. Missing members along the way are created as empty objects; an existing
    /// member is replaced in place (keeping its position), a new one is appended. Throws when the value cannot be
    /// placed: a member of something that is not an object (including null), or an index into something that is not
    /// an array or out of its range (negative indices count from the end).
    package func setting(_ value: JSONValue, in root: JSONValue) throws(JSONPathError) -> JSONValue {
        try place(value, in: root, step: 0)
    }

    private func place(_ value: JSONValue, in node: JSONValue, step: Int) throws(JSONPathError) -> JSONValue {
        guard step < steps.count else { return value }
        switch steps[step] {
        case .name(let name):
            guard case .object(var object) = node else {
                throw failure("cannot set field '\(name)' on \(Self.article(node)) \(node.typeName) at \(at(step))")
            }
            let child = object[name] ?? .object(JSONObject())
            object[name] = try place(value, in: child, step: step + 1)
            return .object(object)
        case .index(let index):
            guard case .array(var array) = node else {
                throw failure("cannot set index \(index) on \(Self.article(node)) \(node.typeName) at \(at(step))")
            }
            let effective = index < 0 ? array.count + index : index
            guard effective >= 0, effective < array.count else {
                throw failure(
                    "index \(index) is out of range for the array of \(array.count) element"
                        + (array.count == 1 ? "" : "s") + " at \(at(step))"
                )
            }
            let child = array[effective]
            array[effective] = try place(value, in: child, step: step + 1)
            return .array(array)
        }
    }

    /// The normalized path of the node reached after `count` steps, e.g. `$['a'][0]`.
    private func at(_ count: Int) -> String {
        var out = "$"
        for step in steps.prefix(count) {
            switch step {
            case .name(let name): out += "['\(name)']"
            case .index(let index): out += "[\(index)]"
            }
        }
        return out
    }

    private func failure(_ reason: String) -> JSONPathError {
        JSONPathError(message: "Unable to apply ReferencePath \(text): \(reason)")
    }

    private static func article(_ value: JSONValue) -> String {
        switch value {
        case .array, .object: "an"
        default: "a"
        }
    }

    private static func notReference(_ text: String, _ reason: String) -> JSONPathError {
        JSONPathError(message: "Invalid reference path '\(text)': \(reason); use only names and single indices")
    }

    package var description: String { text }

    package static func == (lhs: ReferencePath, rhs: ReferencePath) -> Bool { lhs.text == rhs.text }

    package func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
