extension JSONPathParser {
    /// Parses the expression of `[?(...)]`, starting at its `(`.
    ///
    /// Grammar (Jayway 2.x): `or := and ('||' and)*`, `and := operand ('&&' operand)*`,
    /// `operand := '!' operand | '(' or ')' | value [operator value]`. A value alone must be a path and tests
    /// existence; `!` directly before such a path tests absence.
    mutating func parseFilter() throws(JSONPathError) -> JSONPathFilter {
        try parseOr()
    }

    private mutating func parseOr() throws(JSONPathError) -> JSONPathFilter {
        var opened = 0
        defer { filterNesting -= opened }
        var result = try parseAnd()
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "|"), peek(at: index + 1) == UInt8(ascii: "|") else { return result }
            index += 2
            opened += 1
            try enterFilterLevel()
            result = .or(result, try parseAnd())
        }
    }

    private mutating func parseAnd() throws(JSONPathError) -> JSONPathFilter {
        var opened = 0
        defer { filterNesting -= opened }
        var result = try parseOperand()
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "&"), peek(at: index + 1) == UInt8(ascii: "&") else { return result }
            index += 2
            opened += 1
            try enterFilterLevel()
            result = .and(result, try parseOperand())
        }
    }

    /// One more level of the filter's tree (`maximumFilterNesting`).
    private mutating func enterFilterLevel() throws(JSONPathError) {
        filterNesting += 1
        guard filterNesting <= Self.maximumFilterNesting else { throw error("filter expression nested too deeply") }
    }

    private mutating func parseOperand() throws(JSONPathError) -> JSONPathFilter {
        try enterFilterLevel()
        defer { filterNesting -= 1 }
        skipWhitespace()
        if peek == UInt8(ascii: "!") {
            let save = index
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "@") || peek == UInt8(ascii: "$") {
                // `!@.x`: the bang belongs to the path (an absence test).
                index = save
            } else {
                return .not(try parseOperand())
            }
        }
        if peek == UInt8(ascii: "(") {
            index += 1
            let inner = try parseOr()
            skipWhitespace()
            guard peek == UInt8(ascii: ")") else { throw error("expected ')' in the filter") }
            index += 1
            return inner
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(JSONPathError) -> JSONPathFilter {
        var negated = false
        if peek == UInt8(ascii: "!") {
            negated = true
            index += 1
            skipWhitespace()
        }
        let lhs = try parseFilterValue()
        skipWhitespace()
        let terminators: [UInt8] = [UInt8(ascii: ")"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "]")]
        if isAtEnd || terminators.contains(bytes[index]) {
            guard case .path(let path) = lhs else {
                throw error("expected an operator after a literal in the filter")
            }
            return .exists(path, expected: !negated)
        }
        // Jayway ignores a bang before a path that is compared ("!@.a == 1" is "@.a == 1").
        let op = try parseOperator()
        let rhs = try parseFilterValue()
        return .compare(lhs, op, rhs)
    }

    private mutating func parseOperator() throws(JSONPathError) -> JSONPathFilter.Operator {
        let start = index
        let symbols: [UInt8] = [
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "~"),
        ]
        if let c = peek, symbols.contains(c) {
            while let b = peek, symbols.contains(b) { index += 1 }
        } else {
            while let b = peek, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "z") { index += 1 }
        }
        let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        guard let op = JSONPathFilter.Operator(rawValue: word) else {
            index = start
            throw error(word.isEmpty ? "expected an operator in the filter" : "unknown filter operator '\(word)'")
        }
        skipWhitespace()
        return op
    }

    private mutating func parseFilterValue() throws(JSONPathError) -> JSONPathFilter.Operand {
        skipWhitespace()
        guard let c = peek else { throw error("the filter ends early") }
        switch c {
        case UInt8(ascii: "@"), UInt8(ascii: "$"):
            return .path(try parsePath(inFilter: true))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .literal(.string(try readQuoted()))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, value) in [
                ("true", JSONPathFilter.Value.bool(true)), ("false", .bool(false)), ("null", .null),
            ] where matchesWord(word) {
                index += word.utf8.count
                return .literal(value)
            }
            throw error("expected true, false or null")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return .literal(.json(try readJSONLiteral()))
        case UInt8(ascii: "/"):
            return .literal(.pattern(try readPattern()))
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .literal(try readNumber())
        default:
            throw error("unexpected character '\(currentCharacter)' in the filter")
        }
    }

    private func matchesWord(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else { return false }
        // "nullable" is not null.
        guard let after = peek(at: index + w.count) else { return true }
        return !((after | 0x20) >= UInt8(ascii: "a") && (after | 0x20) <= UInt8(ascii: "z"))
    }

    private mutating func readNumber() throws(JSONPathError) -> JSONPathFilter.Value {
        let start = index
        while let b = peek {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                return try number(String(decoding: bytes[start..<index], as: UTF8.self), at: start)
            }
        }
        return try number(String(decoding: bytes[start..<index], as: UTF8.self), at: start)
    }

    private func number(_ literal: String, at offset: Int) throws(JSONPathError) -> JSONPathFilter.Value {
        guard let value = JSONPathFilter.Value.parseNumber(literal) else {
            throw JSONPathParser.error("'\(literal)' is not a number", text, offset)
        }
        return .number(value, text: literal)
    }

    /// `/regex/flags`. The pattern keeps its backslashes; `\/` does not end it. Java's flags i, m, s and x are
    /// honoured; the others (d, u, U) have no counterpart and are accepted without effect.
    private mutating func readPattern() throws(JSONPathError) -> JSONPathFilter.Pattern {
        let start = index
        index += 1
        var body: [UInt8] = []
        while let b = peek, b != UInt8(ascii: "/") {
            body.append(b)
            index += 1
            if b == UInt8(ascii: "\\"), let next = peek {
                body.append(next)
                index += 1
            }
        }
        guard peek == UInt8(ascii: "/") else { throw error("unterminated regular expression") }
        index += 1
        var flags = ""
        while let b = peek, "imsxduU".utf8.contains(b) {
            if "imsx".utf8.contains(b) { flags.unicodeScalars.append(Unicode.Scalar(b)) }
            index += 1
        }
        let pattern = String(decoding: body, as: UTF8.self)
        let source = String(decoding: bytes[start..<index], as: UTF8.self)
        do {
            let regex = try Regex(flags.isEmpty ? pattern : "(?\(flags))" + pattern)
            // Java matches code points, not grapheme clusters.
            return JSONPathFilter.Pattern(source: source, regex: regex.matchingSemantics(.unicodeScalar))
        } catch {
            throw JSONPathParser.error(
                "invalid regular expression \(source)",
                text,
                start
            )
        }
    }

    /// `[...]` or `{...}` in a filter. Jayway hands these to a lenient JSON reader, so single-quoted strings are
    /// accepted (`@.tag in ['a','b']`); they are rewritten as JSON strings before parsing.
    private mutating func readJSONLiteral() throws(JSONPathError) -> JSONValue {
        let start = index
        var json: [UInt8] = []
        var depth = 0
        while let b = peek {
            switch b {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var quoted = ""
                JSONValue.writeString(try readQuoted(), to: &quoted)
                json.append(contentsOf: quoted.utf8)
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
            json.append(b)
            index += 1
            if depth == 0 {
                do {
                    return try JSONParser.parse(bytes: json)
                } catch {
                    throw JSONPathParser.error("invalid JSON literal in the filter: \(error.message)", text, start)
                }
            }
        }
        throw error("unclosed JSON literal in the filter")
    }
}
