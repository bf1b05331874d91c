/// Reads a pattern's text one token at a time, the way Jackson's streaming parser does inside event-ruler, so that
/// malformed JSON is rejected with the same words AWS uses (`Unexpected character (''' (code 39)): was expecting
/// double-quote to start field name`, `Unrecognized token 'closed': ...`).
///
/// Like Jackson, it parses the value after a field name together with the name (except strings, which it reads when
/// their token is asked for): a malformed scalar is reported before the compiler looks at the name. It never reads
/// past what the compiler asks for, so text after the pattern's closing brace goes unread, as on AWS.
struct EventPatternTokenizer: EventPatternTokenSource {
    private enum Scope {
        case root
        case array
        case object

        var description: String {
            switch self {
            case .root: "root"
            case .array: "Array"
            case .object: "Object"
            }
        }
    }

    private struct Context {
        var scope: Scope
        /// Offset of the opening bracket, for "start marker" messages.
        var start: Int
        var entries = 0
    }

    /// The value already parsed after a field name, handed out by the next call.
    private enum Pending {
        case string
        case open(Scope, at: Int)
        case scalar(EventPatternToken)
    }

    static let validValues = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

    private let text: [Unicode.Scalar]
    private var position = 0
    private var contexts = [Context(scope: .root, start: 0)]
    private var pending: Pending?

    init(_ text: String) {
        self.text = Array(text.unicodeScalars)
    }

    mutating func next() throws(PatternError) -> EventPatternToken {
        if let value = pending {
            pending = nil
            switch value {
            case .string: return .string(try readString(inName: false))
            case .open(let scope, let start):
                contexts.append(Context(scope: scope, start: start))
                return scope == .array ? .startArray : .startObject
            case .scalar(let token): return token
            }
        }
        guard var c = skipWhitespace() else {
            let scope = contexts[contexts.count - 1].scope
            if scope == .root { return .endOfInput }
            throw error(
                "Unexpected end-of-input: expected close marker for \(scope.description) (start marker at "
                    + location(of: contexts[contexts.count - 1].start) + ")"
            )
        }
        if c == "]" || c == "}" { return try close(c) }
        let scope = contexts[contexts.count - 1].scope
        if scope != .root, contexts[contexts.count - 1].entries > 0 {
            guard c == "," else {
                throw unexpected(c, "was expecting comma to separate \(scope.description) entries")
            }
            position += 1
            guard let after = skipWhitespace() else {
                throw error("Unexpected end-of-input within/between \(scope.description) entries")
            }
            c = after
        }
        contexts[contexts.count - 1].entries += 1
        guard scope == .object else { return try readValue(c) }

        guard c == "\"" else { throw unexpected(c, "was expecting double-quote to start field name") }
        position += 1
        let name = try readString(inName: true)
        guard let colon = skipWhitespace() else { throw error("Unexpected end-of-input within/between Object entries") }
        guard colon == ":" else { throw unexpected(colon, "was expecting a colon to separate field name and value") }
        position += 1
        guard let start = skipWhitespace() else {
            throw error("Unexpected end-of-input within/between Object entries")
        }
        switch start {
        case "\"":
            position += 1
            pending = .string
        case "[":
            pending = .open(.array, at: position)
            position += 1
        case "{":
            pending = .open(.object, at: position)
            position += 1
        default:
            pending = .scalar(try readValue(start))
        }
        return .fieldName(name)
    }

    // MARK: - Values

    private mutating func readValue(_ c: Unicode.Scalar) throws(PatternError) -> EventPatternToken {
        switch c {
        case "\"":
            position += 1
            // Jackson reads a string's contents only when asked; nobody asks for a top-level one, which is
            // refused as "not an object" whatever it holds.
            if contexts.count == 1 { return .string("") }
            return .string(try readString(inName: false))
        case "[", "{":
            let scope: Scope = c == "[" ? .array : .object
            contexts.append(Context(scope: scope, start: position))
            position += 1
            return scope == .array ? .startArray : .startObject
        case "-", "0"..."9":
            return try readNumber()
        case "t":
            try matchLiteral("true")
            return .bool(true)
        case "f":
            try matchLiteral("false")
            return .bool(false)
        case "n":
            try matchLiteral("null")
            return .null
        case "N", "I":
            let word = c == "N" ? "NaN" : "Infinity"
            try matchLiteral(word)
            throw error(
                "Non-standard token '\(word)': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
            )
        default:
            if Self.isIdentifierStart(c) {
                position += 1
                throw invalidToken(String(c))
            }
            throw unexpected(c, "expected a valid value " + Self.validValues)
        }
    }

    private mutating func close(_ c: Unicode.Scalar) throws(PatternError) -> EventPatternToken {
        let context = contexts[contexts.count - 1]
        let expected: Scope = c == "]" ? .array : .object
        guard context.scope == expected else {
            let wanted = context.scope == .array ? "]" : "}"
            let start =
                context.scope == .root
                ? "[Source: \(sourceDescription); line: 1, column: 0]" : location(of: context.start)
            throw error(
                "Unexpected close marker '\(c)': expected '\(wanted)' (for \(context.scope.description) starting at "
                    + start + ")"
            )
        }
        position += 1
        contexts.removeLast()
        return expected == .array ? .endArray : .endObject
    }

    private mutating func matchLiteral(_ word: String) throws(PatternError) {
        let scalars = Array(word.unicodeScalars)
        for (n, expected) in scalars.enumerated() {
            guard position < text.count, text[position] == expected else {
                throw invalidToken(String(String.UnicodeScalarView(scalars[0..<n])))
            }
            position += 1
        }
        if position < text.count, Self.isIdentifierPart(text[position]) { throw invalidToken(word) }
    }

    /// "Unrecognized token": the part already read plus the identifier characters that follow it.
    private mutating func invalidToken(_ start: String) -> PatternError {
        var token = start
        while position < text.count, Self.isIdentifierPart(text[position]) {
            token.unicodeScalars.append(text[position])
            position += 1
            if token.utf16.count >= 256 {
                token += "..."
                break
            }
        }
        return error("Unrecognized token '\(token)': was expecting " + Self.validValues)
    }

    private mutating func readNumber() throws(PatternError) -> EventPatternToken {
        let start = position
        func isDigit(_ s: Unicode.Scalar?) -> Bool { s.map { ("0"..."9").contains($0) } ?? false }
        var current: Unicode.Scalar? { position < text.count ? text[position] : nil }
        if current == "-" {
            position += 1
            guard let next = current else { throw error("Unexpected end-of-input in a Number value") }
            guard isDigit(next) else {
                throw unexpectedInNumber(next, "expected digit (0-9) to follow minus sign, for valid numeric value")
            }
        }
        if current == "0", position + 1 < text.count, isDigit(text[position + 1]) {
            throw error("Invalid numeric value: Leading zeroes not allowed")
        }
        while isDigit(current) { position += 1 }
        if current == "." {
            position += 1
            guard let next = current else { throw error("Unexpected end-of-input in a Number value") }
            guard isDigit(next) else { throw unexpectedInNumber(next, "Decimal point not followed by a digit") }
            while isDigit(current) { position += 1 }
        }
        if current == "e" || current == "E" {
            position += 1
            if current == "+" || current == "-" { position += 1 }
            guard let next = current else { throw error("Unexpected end-of-input in a Number value") }
            guard isDigit(next) else { throw unexpectedInNumber(next, "Exponent indicator not followed by a digit") }
            while isDigit(current) { position += 1 }
        }
        if contexts.count == 1, let after = current, !Self.isWhitespace(after) {
            throw unexpected(after, "Expected space separating root-level values")
        }
        return .number(String(String.UnicodeScalarView(text[start..<position])))
    }

    /// Reads a string whose opening quote has been consumed, undoing escapes. `\u` escapes are UTF-16 units, so a
    /// surrogate pair forms one character and a lone surrogate becomes U+FFFD.
    private mutating func readString(inName: Bool) throws(PatternError) -> String {
        var units: [UInt16] = []
        while true {
            guard position < text.count else {
                throw error(
                    inName
                        ? "Unexpected end-of-input in field name"
                        : "Unexpected end-of-input: was expecting closing quote for a string value"
                )
            }
            let c = text[position]
            position += 1
            if c == "\"" { break }
            if c.value < 0x20 {
                throw error(
                    "Illegal unquoted character (\(Self.describe(c))): has to be escaped using backslash to be "
                        + "included in \(inName ? "name" : "string value")"
                )
            }
            guard c == "\\" else {
                units.append(contentsOf: c.utf16)
                continue
            }
            guard position < text.count else {
                throw error("Unexpected end-of-input in character escape sequence")
            }
            let escape = text[position]
            position += 1
            switch escape {
            case "\"", "\\", "/": units.append(UInt16(escape.value))
            case "b": units.append(0x08)
            case "f": units.append(0x0C)
            case "n": units.append(0x0A)
            case "r": units.append(0x0D)
            case "t": units.append(0x09)
            case "u":
                var value: UInt16 = 0
                for _ in 0..<4 {
                    guard position < text.count else {
                        throw error("Unexpected end-of-input in character escape sequence")
                    }
                    let h = text[position]
                    guard let digit = Self.hexValue(h) else {
                        throw unexpected(h, "expected a hex-digit for character escape sequence")
                    }
                    value = value << 4 | UInt16(digit)
                    position += 1
                }
                units.append(value)
            default:
                throw error("Unrecognized character escape \(Self.describe(escape))")
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    // MARK: - Characters

    private mutating func skipWhitespace() -> Unicode.Scalar? {
        while position < text.count {
            let c = text[position]
            guard Self.isWhitespace(c) else { return c }
            position += 1
        }
        return nil
    }

    private static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r"
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt8? {
        switch c {
        case "0"..."9": UInt8(c.value - 48)
        case "a"..."f": UInt8(c.value - 87)
        case "A"..."F": UInt8(c.value - 55)
        default: nil
        }
    }

    /// Java's `Character.isJavaIdentifierStart`, closely enough for error messages.
    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c.properties.isAlphabetic || c == "$" || c == "_" }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber,
            .currencySymbol, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// Java's `Character.isJavaIdentifierPart`, closely enough for error messages.
    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        if isIdentifierStart(c) { return true }
        if c.isASCII { return ("0"..."9").contains(c) || (c.value <= 8) || (0x0E...0x1B).contains(c.value) }
        switch c.properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .format: return true
        default: return (0x7F...0x9F).contains(c.value)
        }
    }

    /// Jackson's description of a character in messages: `'x' (code 120)`.
    private static func describe(_ c: Unicode.Scalar) -> String {
        let code = Int(c.utf16.first ?? 0)
        if code < 0x20 || (0x7F...0x9F).contains(code) { return "(CTRL-CHAR, code \(code))" }
        let shown = c.value > 0xFFFF ? "\u{FFFD}" : String(c)
        if code > 255 { return "'\(shown)' (code \(code) / 0x\(String(code, radix: 16)))" }
        return "'\(shown)' (code \(code))"
    }

    // MARK: - Errors

    private func error(_ reason: String) -> PatternError {
        .invalidEventPattern(reason)
    }

    private func unexpected(_ c: Unicode.Scalar, _ detail: String) -> PatternError {
        error("Unexpected character (\(Self.describe(c))): \(detail)")
    }

    private func unexpectedInNumber(_ c: Unicode.Scalar, _ detail: String) -> PatternError {
        error("Unexpected character (\(Self.describe(c))) in numeric value: \(detail)")
    }

    /// Jackson's `[Source: (String)"..."; line: L, column: C]` for the character at `offset`.
    private func location(of offset: Int) -> String {
        var line = 1
        var column = 1
        var i = 0
        while i < offset, i < text.count {
            let c = text[i]
            if c == "\n" || (c == "\r" && !(i + 1 < text.count && text[i + 1] == "\n")) {
                line += 1
                column = 1
            } else if c != "\r" {
                column += c.utf16.count
            }
            i += 1
        }
        return "[Source: \(sourceDescription); line: \(line), column: \(column)]"
    }

    /// The pattern as Jackson quotes it in locations: at most 500 characters, then a truncation note.
    private var sourceDescription: String {
        var units = 0
        var shown = String.UnicodeScalarView()
        for c in text {
            if units + c.utf16.count > 500 { break }
            shown.append(c)
            units += c.utf16.count
        }
        let total = text.reduce(0) { $0 + $1.utf16.count }
        return "(String)\"\(String(shown))\"" + (total > units ? "[truncated \(total - units) chars]" : "")
    }
}
