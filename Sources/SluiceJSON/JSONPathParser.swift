/// Reads JSONPath text into segments, accepting what Jayway JsonPath accepts (and a little more whitespace inside
/// brackets and filters).
///
/// Works on UTF-8 bytes: every character with meaning in the syntax is ASCII, and names are cut out as byte ranges.
struct JSONPathParser {
    let text: String
    let bytes: [UInt8]
    var index = 0
    /// How deeply filters nest inside filters; bounded so a hostile path cannot exhaust the stack.
    var filterDepth = 0

    static let maximumFilterDepth = 32
    /// How deep one filter's expression tree may grow: `!`, parentheses and each `&&` / `||` chained add a level
    /// (of its parsing, its evaluation and its release). Far above what a Choice or a filter needs; without it a
    /// filter of 10,000 `!`s overflowed the stack (found with the fuzz targets).
    static let maximumFilterNesting = 256
    /// Levels of the filter expression open where the parser is (`maximumFilterNesting`).
    var filterNesting = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Parses a complete path that starts with `$`.
    static func parsePath(_ text: String) throws(JSONPathError) -> JSONPath {
        var parser = JSONPathParser(text)
        guard parser.peek == UInt8(ascii: "$") else { throw parser.error("a path must start with '$'") }
        let path = try parser.parsePath(inFilter: false)
        if !parser.isAtEnd {
            throw parser.error("unexpected character '\(parser.currentCharacter)'; expected '.' or '['")
        }
        return path
    }

    // MARK: - Paths

    /// Parses a path starting at the current `$` or `@`. Inside a filter the path ends at the first character that
    /// cannot continue it (an operator, a space, a parenthesis); at top level anything left over is an error.
    mutating func parsePath(inFilter: Bool) throws(JSONPathError) -> JSONPath {
        let start = index
        let rootByte = bytes[index]
        index += 1
        var segments: [JSONPathSegment] = []
        var description = rootByte == UInt8(ascii: "$") ? "$" : "@"

        while let c = peek {
            if c == UInt8(ascii: ".") {
                if peek(at: index + 1) == UInt8(ascii: ".") {
                    index += 2
                    segments.append(.deepScan)
                    description += ".."
                    guard let after = peek else { throw error("a path must not end with '..'") }
                    if after == UInt8(ascii: ".") { throw error("'...' is not valid") }
                } else {
                    index += 1
                    guard peek != nil else { throw error("a path must not end with '.'") }
                }
                try parseDotted(into: &segments, description: &description, inFilter: inFilter)
            } else if c == UInt8(ascii: "[") {
                try parseBracket(into: &segments, description: &description)
            } else {
                break
            }
            if case .length = segments.last, let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "[") {
                throw error("length() must be the last step of a path")
            }
        }

        if let last = segments.last, case .length = last, segments.count >= 2,
            case .deepScan = segments[segments.count - 2]
        {
            throw error("length() cannot follow '..'")
        }
        let pathText = String(decoding: bytes[start..<index], as: UTF8.self)
        return JSONPath(
            text: start == 0 && index == bytes.count ? text : pathText,
            segments: segments,
            normalizedDescription: description,
            isRootRelative: rootByte == UInt8(ascii: "$")
        )
    }

    /// After `.` or `..`: a bracket (`$.['a']` and `$.[0]` are accepted, as Jayway does), `*`, a name or `length()`.
    private mutating func parseDotted(
        into segments: inout [JSONPathSegment],
        description: inout String,
        inFilter: Bool
    ) throws(JSONPathError) {
        guard let c = peek else { throw error("a path must not end with '.'") }
        if c == UInt8(ascii: "[") {
            try parseBracket(into: &segments, description: &description)
            return
        }
        if c == UInt8(ascii: "*") {
            index += 1
            segments.append(.wildcard)
            description += JSONPathSegment.wildcard.normalizedFragment
            return
        }
        let start = index
        while let b = peek {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "[") || b == UInt8(ascii: "(") { break }
            if inFilter, Self.endsFilterName(b) { break }
            if b == UInt8(ascii: " ") {
                throw error("use bracket notation ['my name'] for a name that contains a space")
            }
            index += 1
        }
        guard index > start else { throw error("expected a name after '.'") }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        if peek == UInt8(ascii: "(") {
            index += 1
            skipWhitespace()
            guard peek == UInt8(ascii: ")") else { throw error("function arguments are not supported") }
            index += 1
            guard name == "length" else { throw error("unsupported function '\(name)()'; only length() is") }
            segments.append(.length)
            description += JSONPathSegment.length.normalizedFragment
            return
        }
        segments.append(.name(name))
        description += "['\(name)']"
    }

    /// Characters that end a dotted name inside a filter, where the path is followed by an operator or a bracket.
    private static func endsFilterName(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "~"),
            UInt8(ascii: ")"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "]"), UInt8(ascii: ","):
            return true
        default:
            return false
        }
    }

    /// `[...]`: quoted names, `*`, a filter, or indices and slices.
    private mutating func parseBracket(
        into segments: inout [JSONPathSegment],
        description: inout String
    ) throws(JSONPathError) {
        index += 1  // [
        skipWhitespace()
        guard let c = peek else { throw error("unclosed '['") }
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            var names: [String] = []
            while true {
                guard peek == c else { throw error("expected a name quoted with \(Character(Unicode.Scalar(c)))") }
                names.append(try readQuotedName())
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    continue
                }
                guard peek == UInt8(ascii: "]") else { throw error("expected ',' or ']' after a quoted name") }
                index += 1
                break
            }
            // Jayway prints names with the quote they were written with.
            let quote = String(Character(Unicode.Scalar(c)))
            description += "[" + names.map { quote + $0 + quote }.joined(separator: ",") + "]"
            segments.append(names.count == 1 ? .name(names[0]) : .names(names))

        case UInt8(ascii: "*"):
            index += 1
            skipWhitespace()
            guard peek == UInt8(ascii: "]") else { throw error("expected ']' after '*'") }
            index += 1
            segments.append(.wildcard)
            description += JSONPathSegment.wildcard.normalizedFragment

        case UInt8(ascii: "?"):
            index += 1
            skipWhitespace()
            guard peek == UInt8(ascii: "(") else { throw error("expected '(' after '[?'") }
            filterDepth += 1
            guard filterDepth <= Self.maximumFilterDepth else { throw error("filters nested too deeply") }
            let filter = try parseFilter()
            filterDepth -= 1
            skipWhitespace()
            guard peek == UInt8(ascii: "]") else { throw error("expected ']' to close the filter") }
            index += 1
            let segment = JSONPathSegment.filter(filter)
            segments.append(segment)
            description += segment.normalizedFragment

        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let segment = try parseIndices()
            segments.append(segment)
            description += segment.normalizedFragment

        default:
            throw error("expected a quoted name, a number, '*' or '?' after '['")
        }
    }

    /// `[0]`, `[-1]`, `[0,2]`, `[1:3]`, `[:2]`, `[-2:]`, read up to the next `]` as Jayway does.
    private mutating func parseIndices() throws(JSONPathError) -> JSONPathSegment {
        let start = index
        while let b = peek, b != UInt8(ascii: "]") {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: ","),
                UInt8(ascii: " "):
                index += 1
            default:
                throw error("unexpected character '\(currentCharacter)' in an index or slice")
            }
        }
        guard peek == UInt8(ascii: "]") else { throw error("unclosed '['") }
        let content = String(decoding: bytes[start..<index], as: UTF8.self)
        let errorOffset = start
        index += 1

        if content.contains(":") {
            // Jayway splits on ':' and reads the first two parts; a step is not supported ("[::2]" has neither
            // bound and is rejected, a third part after a bound is ignored).
            var parts = content.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingSpaces()
            }
            while parts.last?.isEmpty == true { parts.removeLast() }
            var from: Int?
            var to: Int?
            if let part = parts.first, !part.isEmpty { from = try Self.integer(part, offset: errorOffset, in: text) }
            if parts.count > 1, !parts[1].isEmpty { to = try Self.integer(parts[1], offset: errorOffset, in: text) }
            guard from != nil || to != nil else {
                throw Self.error("a slice needs a start or an end (steps are not supported)", text, errorOffset)
            }
            return .slice(JSONPathSlice(start: from, end: to))
        }

        var indices: [Int] = []
        for part in content.split(separator: ",", omittingEmptySubsequences: false) {
            indices.append(try Self.integer(part.trimmingSpaces(), offset: errorOffset, in: text))
        }
        return indices.count == 1 ? .index(indices[0]) : .indices(indices)
    }

    /// An array index as Jayway reads it: an optional minus and digits, within Java's `int` range.
    private static func integer(_ s: String, offset: Int, in text: String) throws(JSONPathError) -> Int {
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(s), value >= Int(Int32.min), value <= Int(Int32.max)
        else {
            throw error("'\(s)' is not a valid array index", text, offset)
        }
        return value
    }

    // MARK: - Lexical helpers

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(at i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    var isAtEnd: Bool { index >= bytes.count }

    var currentCharacter: String {
        guard index < bytes.count else { return "end of path" }
        // Decode from here so a multi-byte character is shown whole.
        return String(String(decoding: bytes[index...], as: UTF8.self).prefix(1))
    }

    mutating func skipWhitespace() {
        while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
    }

    /// Reads a bracketed member name (`['...']`). Step Functions takes the text literally: a backslash only keeps an
    /// escaped quote from ending the name (recorded against AWS: `$['Test\\""Name"']` selects the key `Test\""Name"`).
    mutating func readQuotedName() throws(JSONPathError) -> String {
        let quote = bytes[index]
        let start = index
        index += 1
        var out: [UInt8] = []
        while let b = peek {
            index += 1
            if b == quote { return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\"), peek == quote {
                out.append(quote)
                index += 1
                continue
            }
            out.append(b)
        }
        throw Self.error("unterminated quoted string", text, start)
    }

    /// Reads a string quoted with the current character (`'` or `"`), resolving backslash escapes the way Jayway's
    /// `Utils.unescape` does: the JSON escapes, `\'`, and any other escaped character standing for itself.
    mutating func readQuoted() throws(JSONPathError) -> String {
        let quote = bytes[index]
        let start = index
        index += 1
        var out: [UInt8] = []
        while let b = peek {
            index += 1
            if b == quote { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                continue
            }
            guard let e = peek else { break }
            index += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if (0xD800...0xDBFF).contains(scalar), peek == UInt8(ascii: "\\"),
                    peek(at: index + 1) == UInt8(ascii: "u")
                {
                    let save = index
                    index += 2
                    let low = try readHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = save
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(character).utf8)
            default: out.append(e)
            }
        }
        throw Self.error("unterminated quoted string", text, start)
    }

    private mutating func readHex4() throws(JSONPathError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let b = peek else { throw error("invalid \\u escape") }
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    func error(_ reason: String) -> JSONPathError {
        Self.error(reason, text, index)
    }

    static func error(_ reason: String, _ text: String, _ offset: Int) -> JSONPathError {
        JSONPathError(message: "Invalid JSONPath '\(text)': \(reason) (at offset \(offset))")
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces (Foundation's trimming is not available here).
    fileprivate func trimmingSpaces() -> String {
        let utf8 = Array(self.utf8)
        var lower = 0
        var upper = utf8.count
        while lower < upper, utf8[lower] == 0x20 { lower += 1 }
        while upper > lower, utf8[upper - 1] == 0x20 { upper -= 1 }
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
