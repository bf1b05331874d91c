import SluiceJSON

/// The values of a message that a policy can look at, keyed by flattened path.
///
/// A body is flattened the way AWS flattens it: object keys are joined with ".", arrays are transparent (each
/// element is a value of the same path) and remember which element they came from, so that one branch is never
/// satisfied by fields taken from different elements of the same array. Only paths the policy names are kept.
struct FilterPolicyMessageFields: Sendable {
    /// Element `index` of the array numbered `array` (numbered in the order met while flattening).
    struct ArrayPosition: Sendable, Equatable {
        var array: Int
        var index: Int
    }

    /// A string, number, boolean or null found at a path.
    struct Leaf: Sendable {
        var value: JSONValue
        /// The array elements the value lies in, outermost first.
        var positions: [ArrayPosition]
    }

    private(set) var leaves: [String: [Leaf]] = [:]
    /// Paths that are present even without a value (a String.Array attribute holding `[]`).
    private var presentWithoutValues: Set<String> = []

    func leaves(at path: String) -> [Leaf] { leaves[path] ?? [] }

    func isPresent(_ path: String) -> Bool { leaves[path] != nil || presentWithoutValues.contains(path) }

    /// A JSON body, keeping the paths in `paths` and descending only into `prefixes` (paths' leading parts).
    static func body(
        _ body: JSONObject,
        paths: Set<String>,
        prefixes: Set<String>
    ) -> FilterPolicyMessageFields {
        var fields = FilterPolicyMessageFields()
        var arrays = 0
        fields.flatten(.object(body), path: nil, positions: [], paths: paths, prefixes: prefixes, arrays: &arrays)
        return fields
    }

    private mutating func flatten(
        _ value: JSONValue,
        path: String?,
        positions: [ArrayPosition],
        paths: Set<String>,
        prefixes: Set<String>,
        arrays: inout Int
    ) {
        switch value {
        case .object(let object):
            for (key, child) in object.entries {
                let childPath = path.map { $0 + "." + key } ?? key
                guard paths.contains(childPath) || prefixes.contains(childPath) else { continue }
                flatten(child, path: childPath, positions: positions, paths: paths, prefixes: prefixes, arrays: &arrays)
            }
        case .array(let elements):
            let array = arrays
            arrays += 1
            for (index, element) in elements.enumerated() {
                let inner = positions + [ArrayPosition(array: array, index: index)]
                flatten(element, path: path, positions: inner, paths: paths, prefixes: prefixes, arrays: &arrays)
            }
        default:
            guard let path, paths.contains(path) else { return }
            leaves[path, default: []].append(Leaf(value: value, positions: positions))
        }
    }

    /// Publish's `MessageAttributes`: `{"name": {"DataType": …, "StringValue": …}}` (the notification spelling
    /// `{"Type": …, "Value": …}` is read too).
    ///
    /// A `Number` attribute is a number, a `String.Array` one the values of its JSON array, anything else of type
    /// `String…` a string. `Binary` attributes are ignored, as SNS ignores them.
    static func attributes(_ attributes: JSONObject) -> FilterPolicyMessageFields {
        var fields = FilterPolicyMessageFields()
        for (name, entry) in attributes.entries {
            guard let dataType = (entry["DataType"] ?? entry["Type"])?.stringValue,
                let text = (entry["StringValue"] ?? entry["Value"])?.stringValue
            else { continue }
            let baseType = dataType.split(separator: ".", maxSplits: 1).first.map(String.init) ?? dataType
            if dataType == "String.Array" {
                // Only scalar elements can match; SNS documents nested values as unsupported.
                let elements = (try? JSONParser.parse(text))?.arrayValue ?? []
                let scalars = elements.filter { $0.arrayValue == nil && $0.objectValue == nil }
                if scalars.isEmpty {
                    fields.presentWithoutValues.insert(name)
                } else {
                    fields.leaves[name] = scalars.map { Leaf(value: $0, positions: []) }
                }
            } else if baseType == "Number" {
                fields.leaves[name] = [Leaf(value: number(text) ?? .string(text), positions: [])]
            } else if baseType != "Binary" {
                fields.leaves[name] = [Leaf(value: .string(text), positions: [])]
            }
        }
        return fields
    }

    /// A Number attribute's value, which SNS accepts with a leading "+" as well.
    private static func number(_ text: String) -> JSONValue? {
        let trimmed = text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard let value = try? JSONParser.parse(trimmed), value.isNumber else { return nil }
        return value
    }
}
