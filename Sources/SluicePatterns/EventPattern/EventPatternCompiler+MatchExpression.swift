extension EventPatternCompiler {
    /// `{ "operator": operand }` inside a field's list; the opening brace has been read.
    mutating func readMatchExpression() throws(PatternError) -> EventValueMatcher {
        guard case .fieldName(let name) = try source.next() else {
            throw .invalidEventPattern("Match expression name not found")
        }
        switch name {
        case "prefix":
            let token = try source.next()
            if token == .startObject { return .prefixIgnoringCase(try readIgnoringCase(under: "Prefix")) }
            guard case .string(let operand) = token else {
                throw .invalidEventPattern("prefix match pattern must be a string")
            }
            try expectEnd()
            return .prefix(Array(operand.utf8))
        case "suffix":
            let token = try source.next()
            if token == .startObject { return .suffixIgnoringCase(try readIgnoringCase(under: "Suffix")) }
            guard case .string(let operand) = token else {
                throw .invalidEventPattern("suffix match pattern must be a string")
            }
            try expectEnd()
            return .suffix(Array(operand.utf8))
        case "numeric":
            guard try source.next() == .startArray else {
                throw .invalidEventPattern("Value of numeric must be an array.")
            }
            let range = try readNumeric()
            guard try source.next() == .endObject else {
                throw .invalidEventPattern("Too many elements in numeric expression")
            }
            return range
        case "anything-but":
            return try readAnythingBut()
        case "exists":
            let matcher: EventValueMatcher
            switch try source.next() {
            case .bool(true): matcher = .exists
            case .bool(false): matcher = .absent
            default: throw .invalidEventPattern("exists match pattern must be either true or false.")
            }
            try expectEnd()
            return matcher
        case "cidr":
            // event-ruler's wording for a non-string CIDR really does say "prefix".
            guard case .string(let operand) = try source.next() else {
                throw .invalidEventPattern("prefix match pattern must be a string")
            }
            let range: IPRange
            do {
                range = try IPRange(cidr: operand)
            } catch {
                throw .invalidEventPattern(error.message)
            }
            try expectEnd()
            return .address(range)
        case "equals-ignore-case":
            guard case .string(let operand) = try source.next() else {
                throw .invalidEventPattern("equals-ignore-case match pattern must be a string")
            }
            try expectEnd()
            return .equalsIgnoringCase(CaseInsensitivePattern(operand))
        case "wildcard":
            guard case .string(let operand) = try source.next() else {
                throw .invalidEventPattern("wildcard match pattern must be a string")
            }
            let pattern: WildcardPattern
            do {
                pattern = try WildcardPattern(operand)
            } catch {
                throw .invalidEventPattern(error.message)
            }
            try expectEnd()
            return .wildcard(pattern)
        default:
            throw .invalidEventPattern("Unrecognized match type \(name)")
        }
    }

    /// `{"prefix": {"equals-ignore-case": "..."}}` (or suffix); the inner opening brace has been read.
    private mutating func readIgnoringCase(under operator: String) throws(PatternError) -> CaseInsensitivePattern {
        guard case .fieldName(let name) = try source.next() else {
            throw .invalidEventPattern("\(`operator`) expression name not found")
        }
        guard name == "equals-ignore-case" else {
            throw .invalidEventPattern("Unsupported \(`operator`.lowercased()) pattern: \(name)")
        }
        guard case .string(let operand) = try source.next() else {
            throw .invalidEventPattern("equals-ignore-case match pattern must be a string")
        }
        try expectEnd()
        try expectEnd()
        return CaseInsensitivePattern(operand)
    }

    /// The closing brace of a one-operator object.
    mutating func expectEnd() throws(PatternError) {
        guard try source.next() == .endObject else {
            throw .invalidEventPattern("Only one key allowed in match expression")
        }
    }
}
