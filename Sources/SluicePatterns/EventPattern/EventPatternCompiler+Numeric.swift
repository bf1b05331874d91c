extension EventPatternCompiler {
    /// `["=", n]`, `[">", n]`, `["<=", n]`, `[">", a, "<=", b]`, ...; the opening bracket has been read.
    mutating func readNumeric() throws(PatternError) -> EventValueMatcher {
        let first = try source.next()
        guard case .string(let op) = first else {
            throw .invalidEventPattern("Invalid member in numeric match: \(first.text)")
        }
        let value = try source.next()
        switch op {
        case "=":
            guard case .number(let text) = value else { throw .invalidEventPattern("Value of equals must be numeric") }
            guard try source.next() == .endArray else {
                throw .invalidEventPattern("Too many elements in numeric expression")
            }
            return .numericEquals(try comparable(text))
        case ">", ">=":
            guard case .number(let bottom) = value else {
                throw .invalidEventPattern("Value of \(op) must be numeric")
            }
            let next = try source.next()
            if next == .endArray {
                return .range(
                    NumericRange(
                        lower: try comparable(bottom),
                        lowerIsOpen: op == ">",
                        upper: NumericRange.maximum,
                        upperIsOpen: false
                    )
                )
            }
            return try readUpperBound(after: next, lower: bottom, lowerIsOpen: op == ">")
        case "<", "<=":
            guard case .number(let top) = value else { throw .invalidEventPattern("Value of \(op) must be numeric") }
            guard try source.next() == .endArray else {
                throw .invalidEventPattern("Too many elements in numeric expression")
            }
            return .range(
                NumericRange(
                    lower: NumericRange.minimum,
                    lowerIsOpen: false,
                    upper: try comparable(top),
                    upperIsOpen: op == "<"
                )
            )
        default:
            throw .invalidEventPattern("Unrecognized numeric range operator: \(op)")
        }
    }

    /// The `"<", b` or `"<=", b` half of a two-sided range.
    private mutating func readUpperBound(
        after token: EventPatternToken,
        lower: String,
        lowerIsOpen: Bool
    ) throws(PatternError) -> EventValueMatcher {
        guard case .string(let op) = token else {
            throw .invalidEventPattern("Bad value in numeric range: \(token.text)")
        }
        guard op == "<" || op == "<=" else { throw .invalidEventPattern("Bad numeric range operator: \(op)") }
        guard case .number(let top) = try source.next() else {
            throw .invalidEventPattern("Value of \(op) must be numeric")
        }
        guard try source.next() == .endArray else {
            throw .invalidEventPattern("Too many terms in numeric range expression")
        }
        let bottom = try comparable(lower)
        let upper = try comparable(top)
        guard bottom < upper else { throw .invalidEventPattern("Bottom must be less than top") }
        return .range(NumericRange(lower: bottom, lowerIsOpen: lowerIsOpen, upper: upper, upperIsOpen: op == "<"))
    }

    private func comparable(_ text: String) throws(PatternError) -> ComparableNumber {
        do {
            return try ComparableNumber(text: text)
        } catch {
            throw .invalidEventPattern(error.message)
        }
    }
}
