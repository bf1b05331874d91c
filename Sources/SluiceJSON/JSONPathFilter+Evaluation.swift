extension JSONPathFilter {
    /// Whether `item` passes the filter; `root` is the whole document, for `$` paths inside the filter.
    func accepts(_ item: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .or(let lhs, let rhs):
            return lhs.accepts(item, root: root) || rhs.accepts(item, root: root)
        case .and(let lhs, let rhs):
            return lhs.accepts(item, root: root) && rhs.accepts(item, root: root)
        case .not(let inner):
            return !inner.accepts(item, root: root)
        case .exists(let path, let expected):
            // Jayway runs existence tests with REQUIRE_PROPERTIES: any missing member along the way means absent,
            // while a member that holds null exists.
            let start = path.isRootRelative ? root : item
            let found = path.evaluate(start, root: root, requireProperties: true) != nil
            return found == expected
        case .compare(let lhs, let op, let rhs):
            return op.evaluate(lhs.value(item: item, root: root), rhs.value(item: item, root: root))
        }
    }
}

extension JSONPathFilter.Operand {
    func value(item: JSONValue, root: JSONValue) -> JSONPathFilter.Value {
        switch self {
        case .literal(let value):
            return value
        case .path(let path):
            let start = path.isRootRelative ? root : item
            guard let found = path.evaluate(start, root: root, requireProperties: false) else { return .undefined }
            return JSONPathFilter.Value(found)
        }
    }
}

extension JSONPathFilter.Value {
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int, .double: self = .number(json, text: nil)
        case .string(let s): self = .string(s)
        case .array, .object: self = .json(json)
        }
    }

    /// The text Jayway compares when a number meets a string (its BigDecimal spelling; ours for document numbers).
    var numberText: String? {
        guard case .number(let n, let text) = self else { return nil }
        if let text { return text }
        switch n {
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.format(d)
        default: return nil
        }
    }

    /// The elements when this value can serve as a list (`in`, `subsetof`, ...): a JSON array.
    var listElements: [JSONPathFilter.Value]? {
        guard case .json(.array(let elements)) = self else { return nil }
        return elements.map(JSONPathFilter.Value.init)
    }

    /// Jayway's `==`: numbers by value, a number against a numeric string by value (left number) or by text (left
    /// string), JSON structures deeply; anything involving an undefined value is unequal, even to null.
    func looselyEquals(_ other: JSONPathFilter.Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a, _), .number(let b, _)): return JSONPathFilter.Value.compareNumbers(a, b) == 0
        case (.number(let a, _), .string(let s)):
            guard let b = JSONPathFilter.Value.parseNumber(s) else { return false }
            return JSONPathFilter.Value.compareNumbers(a, b) == 0
        case (.string(let s), .number):
            return s == other.numberText
        case (.string(let a), .string(let b)): return a == b
        case (.json(let a), .json(let b)): return a == b
        case (.pattern(let a), .pattern(let b)): return a.source == b.source
        default: return false
        }
    }

    /// Whether two values are of the same node kind, for `===` and `!==`.
    func isSameKind(as other: JSONPathFilter.Value) -> Bool {
        switch (self, other) {
        case (.undefined, .undefined), (.null, .null), (.bool, .bool), (.number, .number), (.string, .string),
            (.json, .json), (.pattern, .pattern):
            return true
        default:
            return false
        }
    }

    /// Ordering for `<`, `<=`, `>`, `>=`: numbers by value, strings by UTF-16 code units (Java's `compareTo`), a
    /// number against a string by text. Nil when Jayway would answer false whatever the operator.
    func order(against other: JSONPathFilter.Value) -> Int? {
        switch (self, other) {
        case (.number(let a, _), .number(let b, _)):
            return JSONPathFilter.Value.compareNumbers(a, b)
        case (.string(let a), .string(let b)):
            return JSONPathFilter.Value.compareUTF16(a, b)
        case (.string(let a), .number):
            return other.numberText.map { JSONPathFilter.Value.compareUTF16(a, $0) }
        case (.number, .string(let b)):
            return numberText.map { JSONPathFilter.Value.compareUTF16($0, b) }
        default:
            return nil
        }
    }

    /// The text a regular expression is matched against (Jayway uses "" for anything but strings, numbers, booleans).
    var patternInput: String {
        switch self {
        case .string(let s): return s
        case .number: return numberText ?? ""
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    static func parseNumber(_ text: String) -> JSONValue? {
        if let i = Int(text) { return .int(i) }
        guard let d = Double(text), d.isFinite else { return nil }
        return .double(d)
    }

    static func compareNumbers(_ a: JSONValue, _ b: JSONValue) -> Int {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        let x = a.doubleValue ?? 0
        let y = b.doubleValue ?? 0
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    static func compareUTF16(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
    }
}

extension JSONPathFilter.Operator {
    /// Applies the operator the way Jayway's evaluators do. Operands of the wrong kind make the test false.
    func evaluate(_ lhs: JSONPathFilter.Value, _ rhs: JSONPathFilter.Value) -> Bool {
        switch self {
        case .equal: return lhs.looselyEquals(rhs)
        case .notEqual: return !lhs.looselyEquals(rhs)
        case .strictEqual: return lhs.isSameKind(as: rhs) && lhs.looselyEquals(rhs)
        case .strictNotEqual: return !(lhs.isSameKind(as: rhs) && lhs.looselyEquals(rhs))
        case .less: return lhs.order(against: rhs).map { $0 < 0 } ?? false
        case .lessOrEqual: return lhs.order(against: rhs).map { $0 <= 0 } ?? false
        case .greater: return lhs.order(against: rhs).map { $0 > 0 } ?? false
        case .greaterOrEqual: return lhs.order(against: rhs).map { $0 >= 0 } ?? false
        case .matches: return Self.matches(lhs, rhs)
        case .in:
            guard let list = rhs.listElements else { return false }
            return list.contains { lhs.looselyEquals($0) }
        case .notIn:
            guard let list = rhs.listElements else { return false }
            return !list.contains { lhs.looselyEquals($0) }
        case .subsetOf:
            guard let left = lhs.listElements, let right = rhs.listElements else { return false }
            return left.allSatisfy { l in right.contains { l.looselyEquals($0) } }
        case .anyOf:
            guard let left = lhs.listElements, let right = rhs.listElements else { return false }
            return left.contains { l in right.contains { l.looselyEquals($0) } }
        case .noneOf:
            guard let left = lhs.listElements, let right = rhs.listElements else { return false }
            return !left.contains { l in right.contains { l.looselyEquals($0) } }
        case .all:
            guard case .json = lhs, let required = rhs.listElements else { return false }
            // Jayway answers true for a JSON object on the left: only arrays are checked.
            guard let present = lhs.listElements else { return true }
            return required.allSatisfy { r in present.contains { $0.looselyEquals(r) } }
        case .contains:
            if case .string(let s) = lhs, case .string(let t) = rhs { return t.isEmpty || s.contains(t) }
            guard let list = lhs.listElements else { return false }
            return list.contains { $0.looselyEquals(rhs) }
        case .size:
            guard case .number(let n, _) = rhs, let expected = n.doubleValue.map({ Int($0) }) else { return false }
            switch lhs {
            case .string(let s): return s.utf16.count == expected
            case .json(.array(let a)): return a.count == expected
            case .json(.object(let o)): return o.count == expected
            default: return false
            }
        case .empty:
            guard case .bool(let expected) = rhs else { return false }
            switch lhs {
            case .string(let s): return s.isEmpty == expected
            case .json(.array(let a)): return a.isEmpty == expected
            case .json(.object(let o)): return o.isEmpty == expected
            default: return false
            }
        }
    }

    /// `=~` with the pattern on either side (exactly one); against an array it matches if any element does.
    private static func matches(_ lhs: JSONPathFilter.Value, _ rhs: JSONPathFilter.Value) -> Bool {
        let pattern: JSONPathFilter.Pattern
        let subject: JSONPathFilter.Value
        switch (lhs, rhs) {
        case (.pattern, .pattern): return false
        case (.pattern(let p), _): (pattern, subject) = (p, rhs)
        case (_, .pattern(let p)): (pattern, subject) = (p, lhs)
        default: return false
        }
        if let elements = subject.listElements {
            return elements.contains { pattern.matches($0.patternInput) }
        }
        return pattern.matches(subject.patternInput)
    }
}
