extension JSONPath {
    /// Evaluates the path from `item` (the root for `$` paths, the tested element for `@` paths).
    ///
    /// `requireProperties` is Jayway's REQUIRE_PROPERTIES option, used for existence tests in filters: a missing
    /// member anywhere, even after a wildcard, makes the whole evaluation fail.
    func evaluate(_ item: JSONValue, root: JSONValue, requireProperties: Bool) -> JSONValue? {
        // The definite prefix carries exactly one node and needs no result array: the common case stays cheap.
        var node = item
        var i = 0
        while i < firstIndefinite {
            switch segments[i] {
            case .name(let key):
                guard case .object(let object) = node, let child = object[key] else { return nil }
                node = child
            case .index(let index):
                guard case .array(let array) = node else { return nil }
                let effective = index < 0 ? array.count + index : index
                guard effective >= 0, effective < array.count else {
                    // Jayway skips an index out of range silently; only a definite path turns that into an error.
                    return firstIndefinite == segments.count ? nil : .array([])
                }
                node = array[effective]
            case .names(let keys):
                // Only definite as the last segment, where Jayway merges the members into one object.
                guard case .object(let object) = node,
                    let merged = Self.merge(keys, of: object, requireProperties: requireProperties)
                else { return nil }
                node = merged
            case .length:
                node = Self.length(of: node)
            case .indices, .slice, .wildcard, .deepScan, .filter:
                preconditionFailure("indefinite segment in the definite prefix")
            }
            i += 1
        }
        if i == segments.count { return node }

        // The first indefinite segment still has a definite upstream, and Jayway refuses to apply it to the wrong
        // kind of node instead of skipping it as it does further down.
        switch segments[i] {
        case .indices, .slice:
            guard case .array = node else { return nil }
        case .names:
            guard case .object = node else { return nil }
        case .filter:
            switch node {
            case .array, .object: break
            default: return nil
            }
        case .name, .index, .length, .wildcard, .deepScan:
            break
        }

        var matches: [JSONValue] = []
        let context = Context(root: root, requireProperties: requireProperties)
        guard collect(node, from: i, context, into: &matches) else { return nil }
        return countsMatches ? .int(matches.count) : .array(matches)
    }

    /// What every step of one indefinite evaluation needs to know.
    private struct Context {
        let root: JSONValue
        let requireProperties: Bool
    }

    /// Applies `segments[i...]` to `node`, appending the matches. Returns false when the evaluation must fail (only
    /// possible with REQUIRE_PROPERTIES); everything else that does not fit is skipped, as Jayway does past the
    /// first indefinite segment.
    private func collect(_ node: JSONValue, from i: Int, _ context: Context, into matches: inout [JSONValue]) -> Bool {
        guard i < segments.count else {
            matches.append(node)
            return true
        }
        let next = i + 1
        switch segments[i] {
        case .name(let key):
            guard case .object(let object) = node else { return true }
            guard let child = object[key] else { return !context.requireProperties }
            return collect(child, from: next, context, into: &matches)

        case .names(let keys):
            return collect(keys, of: node, from: next, context, into: &matches)

        case .index(let index):
            guard case .array(let array) = node else { return true }
            let effective = index < 0 ? array.count + index : index
            guard effective >= 0, effective < array.count else { return true }
            return collect(array[effective], from: next, context, into: &matches)

        case .indices(let indices):
            guard case .array(let array) = node else { return true }
            for index in indices {
                let effective = index < 0 ? array.count + index : index
                guard effective >= 0, effective < array.count else { continue }
                guard collect(array[effective], from: next, context, into: &matches) else { return false }
            }
            return true

        case .slice(let slice):
            guard case .array(let array) = node else { return true }
            for index in slice.indices(count: array.count) {
                guard collect(array[index], from: next, context, into: &matches) else { return false }
            }
            return true

        case .wildcard:
            return collectMembers(of: node, from: next, context, into: &matches)

        case .filter(let filter):
            return collect(filter, node, from: next, context, into: &matches)

        case .deepScan:
            return scan(node, target: next, context, into: &matches)

        case .length:
            return collect(Self.length(of: node), from: next, context, into: &matches)
        }
    }

    /// `['a','b']`: each named member; at the end of the path, the object of just those members.
    private func collect(
        _ keys: [String],
        of node: JSONValue,
        from next: Int,
        _ context: Context,
        into matches: inout [JSONValue]
    ) -> Bool {
        guard case .object(let object) = node else { return true }
        if next == segments.count {
            guard let merged = Self.merge(keys, of: object, requireProperties: context.requireProperties) else {
                return false
            }
            matches.append(merged)
            return true
        }
        for key in keys {
            if let child = object[key] {
                guard collect(child, from: next, context, into: &matches) else { return false }
            } else if context.requireProperties {
                return false
            }
        }
        return true
    }

    /// `*`: every member of an object, every element of an array.
    private func collectMembers(of node: JSONValue, from next: Int, _ context: Context, into matches: inout [JSONValue])
        -> Bool
    {
        switch node {
        case .object(let object):
            for key in object.keys {
                guard collect(object[key]!, from: next, context, into: &matches) else { return false }
            }
        case .array(let array):
            for element in array {
                guard collect(element, from: next, context, into: &matches) else { return false }
            }
        default:
            break
        }
        return true
    }

    /// `[?(...)]`: the elements the filter accepts (an object is tested itself, as Jayway does).
    private func collect(
        _ filter: JSONPathFilter,
        _ node: JSONValue,
        from next: Int,
        _ context: Context,
        into matches: inout [JSONValue]
    ) -> Bool {
        switch node {
        case .object:
            // Jayway tests an object itself, not its members.
            guard filter.accepts(node, root: context.root) else { return true }
            return collect(node, from: next, context, into: &matches)
        case .array(let array):
            for element in array where filter.accepts(element, root: context.root) {
                guard collect(element, from: next, context, into: &matches) else { return false }
            }
            return true
        default:
            return true
        }
    }

    /// Jayway's deep scan: visits every object and array in pre-order and applies the target segment where its
    /// predicate matches. One quirk is kept on purpose: when an array matches and the target is not the last
    /// segment, Jayway hands each element straight to the segment after the target, so `$..[0].x` yields `x` of
    /// every element, not only of the first.
    private func scan(_ node: JSONValue, target: Int, _ context: Context, into matches: inout [JSONValue]) -> Bool {
        switch node {
        case .object(let object):
            if scanMatches(node, target: target, context) {
                guard collect(node, from: target, context, into: &matches) else { return false }
            }
            for key in object.keys {
                guard scan(object[key]!, target: target, context, into: &matches) else { return false }
            }
        case .array(let array):
            if scanMatches(node, target: target, context) {
                if target == segments.count - 1 {
                    guard collect(node, from: target, context, into: &matches) else { return false }
                } else {
                    for element in array {
                        guard collect(element, from: target + 1, context, into: &matches) else { return false }
                    }
                }
            }
            for element in array {
                guard scan(element, target: target, context, into: &matches) else { return false }
            }
        default:
            break
        }
        return true
    }

    /// Whether the deep scan applies the target segment at `node` (Jayway's per-token scan predicates).
    private func scanMatches(_ node: JSONValue, target: Int, _ context: Context) -> Bool {
        switch segments[target] {
        case .name(let key):
            guard case .object(let object) = node else { return false }
            return context.requireProperties || object.contains(key)
        case .names(let keys):
            guard case .object(let object) = node else { return false }
            if context.requireProperties || target != segments.count - 1 { return true }
            return keys.allSatisfy { object.contains($0) }
        case .index, .indices, .slice:
            if case .array = node { return true }
            return false
        case .wildcard:
            return true
        case .filter(let filter):
            return filter.accepts(node, root: context.root)
        case .deepScan, .length:
            return false
        }
    }

    /// `['a','b']` as the last segment: one object holding the members that exist, in the order asked for.
    private static func merge(_ keys: [String], of object: JSONObject, requireProperties: Bool) -> JSONValue? {
        var merged = JSONObject()
        for key in keys {
            if let value = object[key] {
                merged[key] = value
            } else if requireProperties {
                return nil
            }
        }
        return .object(merged)
    }

    /// Jayway's `length()`: element count of an array, member count of an object, null for anything else.
    static func length(of node: JSONValue) -> JSONValue {
        switch node {
        case .array(let array): .int(array.count)
        case .object(let object): .int(object.count)
        default: .null
        }
    }
}
