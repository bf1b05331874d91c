import SluiceJSON

/// An event as EventBridge matches it: every leaf value (string, number, boolean, null) under its dotted path, with
/// the array elements it sits in.
///
/// Objects and arrays are not values: `{"a": {"b": 1}}` has one field, `a.b`, and an empty array contributes
/// nothing, so neither satisfies `exists: true`. Keys are joined with dots whether or not they contain dots, so the
/// event keys `a.b` and `a` → `b` are the same field, as on AWS. Flatten an event once to match it against many
/// patterns.
package struct FlattenedEvent: Sendable {
    /// A leaf value.
    package enum Leaf: Sendable {
        case string(String)
        /// The number, and its comparable form when it has one.
        case number(Double, ComparableNumber?)
        case bool(Bool)
        case null
    }

    /// A leaf with the array elements it belongs to.
    struct Value: Sendable {
        let leaf: Leaf
        let membership: ArrayMembership
        /// The address a string leaf spells, read once here because every CIDR pattern would otherwise reread it.
        let address: [UInt8]?
    }

    /// Every leaf, grouped by path; `fields` gives each path's run.
    private(set) var values: [Value] = []
    private(set) var fields: [String: Range<Int>] = [:]
    /// Whether any value sits inside an array element (if none does, array consistency cannot reject a match).
    private(set) var hasArrayMembership = false

    /// Flattens the whole event (anything but an object has no fields).
    package init(_ event: JSONValue) {
        self.init(event, keeping: nil)
    }

    /// Flattens only the paths that lead to `keeping` (a set of dotted paths and all their prefixes), skipping
    /// everything no pattern looks at, as event-ruler does.
    init(_ event: JSONValue, keeping prefixes: Set<String>?) {
        guard case .object(let object) = event else { return }
        var builder = Builder(prefixes: prefixes)
        builder.visit(object, path: nil)
        // One array with a run per path: looking a path up then costs no reference counting per value.
        values.reserveCapacity(builder.fields.values.reduce(0) { $0 + $1.count })
        for (path, run) in builder.fields {
            fields[path] = values.count..<(values.count + run.count)
            values += run
        }
        hasArrayMembership = values.contains { !$0.membership.isEmpty }
    }

    /// Where the values at a dotted path are in `values` (in document order), if there are any.
    func range(of path: String) -> Range<Int>? {
        fields[path]
    }

    private struct Builder {
        let prefixes: Set<String>?
        var fields: [String: [Value]] = [:]
        var membership = ArrayMembership()
        var arrays = 0

        /// `path` is nil at the top, where an empty key is a name of its own (`{"": {"b": 1}}` has field `.b`).
        mutating func visit(_ object: JSONObject, path: String?) {
            for (key, value) in object.entries {
                let name = path.map { $0 + "." + key } ?? key
                if let prefixes, !prefixes.contains(name) { continue }
                visit(value, path: name)
            }
        }

        mutating func visit(_ value: JSONValue, path: String) {
            switch value {
            case .object(let object):
                visit(object, path: path)
            case .array(let elements):
                let array = arrays
                arrays += 1
                for (index, element) in elements.enumerated() {
                    switch element {
                    case .object, .array:
                        membership.enter(array: array, index: index)
                        visit(element, path: path)
                        membership.leave()
                    default:
                        visit(element, path: path)
                    }
                }
            case .string(let string):
                add(.string(string), path)
            case .int(let int):
                add(.number(Double(int), ComparableNumber(value)), path)
            case .double(let double):
                add(.number(double, ComparableNumber(value)), path)
            case .bool(let flag):
                add(.bool(flag), path)
            case .null:
                add(.null, path)
            }
        }

        private mutating func add(_ leaf: Leaf, _ path: String) {
            var address: [UInt8]?
            if case .string(let string) = leaf { address = IPAddress.bytes(of: string[...]) }
            fields[path, default: []].append(Value(leaf: leaf, membership: membership, address: address))
        }
    }
}
