import SluiceJSON

/// Reads a policy document into branches the way AWS's rule compiler (which SNS uses) reads it: in document
/// order, stopping at the first problem, with that compiler's error texts.
///
/// AWS compiles a policy first with `$or` support; if that fails with a syntax problem it compiles it again with
/// `"$or"` as an ordinary field name, and the second result (success or error) is final. That is how SNS's
/// documented rule "`$or` not meeting the conditions is treated as a regular attribute name" comes about.
struct FilterPolicyCompiler {
    /// Field names an `$or` alternative may not use at any depth (operators, present and reserved).
    static let reservedInsideOr: Set<String> = [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
        "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    ]

    /// Branches beyond this many mean more than 150 combinations anyway; keeping fewer bounds the work that a
    /// policy of deeply nested `$or`s could otherwise make exponential.
    static let branchLimit = 1_000

    private let recognizesOr: Bool
    private(set) var branches: [FilterPolicyBranch]
    /// Whether any field sits inside a nested object (refused in the MessageAttributes scope).
    private(set) var hasNestedField = false
    /// Whether branches were dropped at `branchLimit` (the policy is then certainly too complex).
    private(set) var exceededBranchLimit = false

    private init(recognizesOr: Bool, branches: [FilterPolicyBranch] = []) {
        self.recognizesOr = recognizesOr
        self.branches = branches
    }

    /// Compiles a parsed policy document.
    static func compile(_ document: JSONValue) throws(FilterPolicyCompileError) -> FilterPolicyCompiler {
        var withOr = FilterPolicyCompiler(recognizesOr: true)
        do {
            try withOr.compileDocument(document)
            return withOr
        } catch {
            guard error.kind == .syntax, Self.mentionsOr(document) else { throw error }
            var plain = FilterPolicyCompiler(recognizesOr: false)
            try plain.compileDocument(document)
            return plain
        }
    }

    private static func mentionsOr(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let o): o.contains("$or") || o.values.contains(where: mentionsOr)
        case .array(let a): a.contains(where: mentionsOr)
        default: false
        }
    }

    private mutating func compileDocument(_ document: JSONValue) throws(FilterPolicyCompileError) {
        guard case .object(let object) = document else { throw .syntax("Filter is not an object") }
        try parseObject(object, path: [], insideOr: false)
    }

    private mutating func parseObject(
        _ object: JSONObject,
        path: [String],
        insideOr: Bool
    ) throws(FilterPolicyCompileError) {
        for (key, value) in object.entries {
            if recognizesOr, key == "$or" {
                try parseOr(value, path: path)
                continue
            }
            if insideOr, Self.reservedInsideOr.contains(key) {
                throw .syntax("\(key) is Ruler reserved fieldName which cannot be used inside $or.")
            }
            switch value {
            case .object(let child):
                try parseObject(child, path: path + [key], insideOr: insideOr)
            case .array(let items):
                add(path: path + [key], patterns: try Self.patterns(items))
            default:
                throw .syntax("\"\(key)\" must be an object or an array")
            }
        }
        if object.isEmpty { throw .syntax("Empty objects are not allowed") }
    }

    private mutating func parseOr(_ value: JSONValue, path: [String]) throws(FilterPolicyCompileError) {
        guard case .array(let alternatives) = value else { throw .syntax("It must be an Array followed with $or.") }
        let before = branches.isEmpty ? [FilterPolicyBranch()] : branches
        var combined: [FilterPolicyBranch] = []
        for alternative in alternatives {
            guard case .object(let object) = alternative else {
                throw .syntax("Only JSON object is allowed in array of $or relationship.")
            }
            var sub = FilterPolicyCompiler(recognizesOr: true, branches: before)
            try sub.parseObject(object, path: path, insideOr: true)
            hasNestedField = hasNestedField || sub.hasNestedField
            exceededBranchLimit = exceededBranchLimit || sub.exceededBranchLimit
            combined += sub.branches
            if combined.count > Self.branchLimit {
                combined.removeLast(combined.count - Self.branchLimit)
                exceededBranchLimit = true
            }
        }
        if alternatives.count < 2 { throw .syntax("There must have at least 2 Objects in $or relationship.") }
        branches = combined
    }

    private mutating func add(path: [String], patterns: [FilterPolicyPattern]) {
        if branches.isEmpty { branches = [FilterPolicyBranch()] }
        if path.count > 1 { hasNestedField = true }
        let field = FilterPolicyBranch.Field(
            path: path.joined(separator: "."),
            topLevelKey: path[0],
            depth: path.count,
            patterns: patterns
        )
        for i in branches.indices { branches[i].set(field) }
    }

    /// The conditions of one field's array.
    private static func patterns(_ items: [JSONValue]) throws(FilterPolicyCompileError) -> [FilterPolicyPattern] {
        var patterns: [FilterPolicyPattern] = []
        for item in items {
            switch item {
            case .object(let expression):
                patterns.append(try matchExpression(expression))
            case .string(let s):
                if let address = FilterPolicyIPAddress.bytes(s) {
                    patterns.append(.exactAddress(address))
                } else {
                    patterns.append(.exactString(s))
                }
            case .int, .double:
                if let number = FilterPolicyNumber(item) { patterns.append(.exactNumber(number)) }
            case .null, .bool:
                patterns.append(.exactLiteral(item))
            case .array:
                throw .syntax("Match value must be String, number, true, false, or null")
            }
        }
        if patterns.isEmpty { throw .syntax("Empty arrays are not allowed") }
        return patterns
    }

    /// `{"operator": operand}`. The operand is checked before a second key is noticed, as AWS reads it.
    private static func matchExpression(_ expression: JSONObject) throws(FilterPolicyCompileError)
        -> FilterPolicyPattern
    {
        guard let (name, operand) = expression.entries.first else {
            throw .syntax("Match expression name not found")
        }
        let hasMoreKeys = expression.count > 1
        let onlyOneKey = FilterPolicyCompileError.syntax("Only one key allowed in match expression")
        switch name {
        case "prefix", "suffix", "equals-ignore-case":
            guard case .string(let text) = operand else { throw .syntax("\(name) match pattern must be a string") }
            if hasMoreKeys { throw onlyOneKey }
            switch name {
            case "prefix": return .prefix(text)
            case "suffix": return .suffix(text)
            default: return .equalsIgnoreCase(text)
            }
        case "numeric":
            guard case .array(let terms) = operand else { throw .syntax("Value of numeric must be an array.") }
            let range = try numericRange(terms)
            if hasMoreKeys { throw .syntax("Too many elements in numeric expression") }
            return .numeric(range)
        case "anything-but":
            let pattern = try anythingBut(operand)
            if hasMoreKeys {
                // A prefix form reports the extra key as such; the list forms reuse the numeric wording.
                if case .anythingButPrefix = pattern { throw onlyOneKey }
                throw .syntax("Too many elements in numeric expression")
            }
            return pattern
        case "exists":
            guard case .bool(let mustExist) = operand else {
                throw .syntax("exists match pattern must be either true or false.")
            }
            if hasMoreKeys { throw onlyOneKey }
            return .exists(mustExist)
        case "cidr":
            // AWS reuses the prefix wording here.
            guard case .string(let text) = operand else { throw .syntax("prefix match pattern must be a string") }
            let block = try FilterPolicyCIDR(text)
            if hasMoreKeys { throw onlyOneKey }
            return .cidr(block)
        default:
            throw .syntax("Unrecognized match type \(name)")
        }
    }

    private static func anythingBut(_ operand: JSONValue) throws(FilterPolicyCompileError) -> FilterPolicyPattern {
        switch operand {
        case .object(let inner):
            guard let (op, value) = inner.entries.first else { throw .syntax("Anything-But expression name not found") }
            // SNS accepts only the prefix form (not suffix or equals-ignore-case, which EventBridge has).
            guard op == "prefix" else { throw .syntax("Unsupported anything-but pattern: \(op)") }
            guard case .string(let prefix) = value else { throw .syntax("prefix match pattern must be a string") }
            if prefix.isEmpty { throw .syntax("Null prefix not allowed") }
            if inner.count > 1 { throw .syntax("Only one key allowed in match expression") }
            return .anythingButPrefix(prefix)
        case .string(let s):
            return .anythingBut(strings: [s], numbers: [])
        case .int, .double:
            return .anythingBut(strings: [], numbers: FilterPolicyNumber(operand).map { [$0] } ?? [])
        case .array(let items):
            var strings: [String] = []
            var numbers: [FilterPolicyNumber] = []
            for item in items {
                switch item {
                case .string(let s): strings.append(s)
                case .int, .double: if let n = FilterPolicyNumber(item) { numbers.append(n) }
                default: throw .syntax("Inside anything but list, start|null|boolean is not supported.")
                }
            }
            if strings.isEmpty == numbers.isEmpty {
                throw .syntax(
                    "Inside anything but list, either all values are number or string, mixed type is not supported"
                )
            }
            return .anythingBut(strings: strings, numbers: numbers)
        default:
            throw .syntax("Value of anything-but must be an array or single string/number value.")
        }
    }

    /// `["=", n]`, `[">"|">=", n]`, `["<"|"<=", n]` or `[">"|">=", n, "<"|"<=", m]`, checked term by term.
    private static func numericRange(_ terms: [JSONValue]) throws(FilterPolicyCompileError)
        -> FilterPolicyNumericRange
    {
        guard case .string(let op) = terms.first else {
            throw .syntax("Invalid member in numeric match: \(tokenText(terms.first))")
        }
        let operand = terms.count > 1 ? terms[1] : nil
        switch op {
        case "=":
            let value = try numericOperand(operand, of: "equals")
            if terms.count > 2 { throw .syntax("Too many elements in numeric expression") }
            return .equal(to: try comparable(value))
        case ">", ">=":
            let bottom = try numericOperand(operand, of: op)
            let lowerOpen = op == ">"
            guard terms.count > 2 else {
                return FilterPolicyNumericRange(lower: .init(value: try comparable(bottom), isOpen: lowerOpen))
            }
            guard case .string(let topOp) = terms[2] else {
                throw .syntax("Bad value in numeric range: \(tokenText(terms[2]))")
            }
            guard topOp == "<" || topOp == "<=" else { throw .syntax("Bad numeric range operator: \(topOp)") }
            let top = try numericOperand(terms.count > 3 ? terms[3] : nil, of: topOp)
            if terms.count > 4 { throw .syntax("Too many terms in numeric range expression") }
            let (low, high) = (try comparable(bottom), try comparable(top))
            if low >= high { throw .syntax("Bottom must be less than top") }
            return FilterPolicyNumericRange(
                lower: .init(value: low, isOpen: lowerOpen),
                upper: .init(value: high, isOpen: topOp == "<")
            )
        case "<", "<=":
            let top = try numericOperand(operand, of: op)
            if terms.count > 2 { throw .syntax("Too many elements in numeric expression") }
            return FilterPolicyNumericRange(upper: .init(value: try comparable(top), isOpen: op == "<"))
        default:
            throw .syntax("Unrecognized numeric range operator: \(op)")
        }
    }

    private static func numericOperand(_ term: JSONValue?, of op: String) throws(FilterPolicyCompileError) -> Double {
        guard let value = term?.doubleValue else { throw .syntax("Value of \(op) must be numeric") }
        return value
    }

    private static func comparable(_ value: Double) throws(FilterPolicyCompileError) -> Int64 {
        guard let comparable = FilterPolicyNumber.comparable(value) else {
            throw .syntax("Value must be between -1.0E9 and 1.0E9, inclusive")
        }
        return comparable
    }

    /// How AWS's JSON reader prints the token it stopped at (nil is the end of the array).
    private static func tokenText(_ value: JSONValue?) -> String {
        switch value {
        case nil: "]"
        case .string(let s): s
        case .array: "["
        case .object: "{"
        case let value?: value.serialized()
        }
    }
}
