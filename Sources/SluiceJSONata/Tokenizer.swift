struct Tokenizer {
    static let operatorChars: Set<Unicode.Scalar> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<",
        ">", "^", "&", "!", "~",
    ]
    static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}"]

    let chars: [Unicode.Scalar]
    var position = 0

    init(_ source: String) {
        chars = Array(source.unicodeScalars)
    }

    private func at(_ i: Int) -> Unicode.Scalar? { i < chars.count ? chars[i] : nil }

    private func make(_ kind: Token.Kind, _ text: String, _ literal: JV = .null) -> Token {
        Token(kind: kind, text: text, literal: literal, position: position)
    }

    mutating func next(infix: Bool) throws(PendingError) -> Token? {
        if position >= chars.count { return nil }
        var c = chars[position]
        while position < chars.count, Tokenizer.whitespace.contains(chars[position]) {
            position += 1
        }
        if position >= chars.count { return nil }
        c = chars[position]
        if c == "/", at(position + 1) == "*" {
            let start = position
            position += 2
            while !(at(position) == "*" && at(position + 1) == "/") {
                position += 1
                if position >= chars.count { throw PendingError("S0106", position: start) }
            }
            position += 2
            return try next(infix: infix)
        }
        if !infix, c == "/" {
            position += 1
            return try scanRegex()
        }
        let two: [(Unicode.Scalar, Unicode.Scalar, String)] = [
            (".", ".", ".."), (":", "=", ":="), ("!", "=", "!="), (">", "=", ">="), ("<", "=", "<="),
            ("*", "*", "**"), ("~", ">", "~>"),
        ]
        for (a, b, op) in two where c == a && at(position + 1) == b {
            position += 2
            return make(.operator, op)
        }
        if Tokenizer.operatorChars.contains(c) {
            position += 1
            return make(.operator, String(c))
        }
        if c == "\"" || c == "'" {
            return try scanString(quote: c)
        }
        if let number = try scanNumber() { return number }
        if c == "`" {
            position += 1
            var end = position
            while end < chars.count, chars[end] != "`" { end += 1 }
            if end < chars.count {
                let name = String(String.UnicodeScalarView(chars[position..<end]))
                position = end + 1
                return make(.name, name)
            }
            position = chars.count
            throw PendingError("S0105", position: position)
        }
        var i = position
        while i < chars.count, !Tokenizer.whitespace.contains(chars[i]), !Tokenizer.operatorChars.contains(chars[i]) {
            i += 1
        }
        if chars[position] == "$" {
            let name = String(String.UnicodeScalarView(chars[(position + 1)..<i]))
            position = i
            return make(.variable, name)
        }
        let name = String(String.UnicodeScalarView(chars[position..<i]))
        position = i
        switch name {
        case "or", "in", "and": return make(.operator, name)
        case "true": return make(.value, name, .bool(true))
        case "false": return make(.value, name, .bool(false))
        case "null": return make(.value, name, .null)
        default:
            if position == chars.count && name.isEmpty { return nil }
            return make(.name, name)
        }
    }

    private mutating func scanRegex() throws(PendingError) -> Token {
        var start = position
        var depth = 0
        while position < chars.count {
            let c = chars[position]
            let escaped = position > 0 && chars[position - 1] == "\\"
            if c == "/", !escaped, depth == 0 {
                let pattern = String(String.UnicodeScalarView(chars[start..<position]))
                if pattern.isEmpty { throw PendingError("S0301", position: position) }
                position += 1
                start = position
                while let f = at(position), f == "i" || f == "m" { position += 1 }
                let flags = String(String.UnicodeScalarView(chars[start..<position]))
                let regex: JSRegex
                do { regex = try JSRegex(pattern, flags: flags) } catch {
                    throw PendingError("S0301", position: position)
                }
                var t = make(.regex, pattern)
                t.regex = regex
                return t
            }
            if c == "(" || c == "[" || c == "{", !escaped { depth += 1 }
            if c == ")" || c == "]" || c == "}", !escaped { depth -= 1 }
            position += 1
        }
        throw PendingError("S0302", position: position)
    }

    private mutating func scanString(quote: Unicode.Scalar) throws(PendingError) -> Token {
        position += 1
        var out = String.UnicodeScalarView()
        while position < chars.count {
            var c = chars[position]
            if c == "\\" {
                position += 1
                guard let e = at(position) else { break }
                c = e
                switch e {
                case "\"", "\\", "/": out.append(e)
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u":
                    guard position + 4 < chars.count,
                        let code = UInt32(
                            String(String.UnicodeScalarView(chars[(position + 1)...(position + 4)])),
                            radix: 16
                        )
                    else { throw PendingError("S0104", position: position) }
                    position += 4
                    // A surrogate pair spelled as two escapes is one character.
                    if code >= 0xD800, code < 0xDC00, at(position + 1) == "\\", at(position + 2) == "u",
                        position + 6 < chars.count,
                        let low = UInt32(
                            String(String.UnicodeScalarView(chars[(position + 3)...(position + 6)])),
                            radix: 16
                        ),
                        low >= 0xDC00, low < 0xE000
                    {
                        position += 6
                        out.append(Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))!)
                    } else {
                        out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    }
                default:
                    throw PendingError("S0103", position: position, token: String(e))
                }
            } else if c == quote {
                position += 1
                let s = String(out)
                return make(.string, s, .string(s))
            } else {
                out.append(c)
            }
            position += 1
        }
        throw PendingError("S0101", position: position)
    }

    private func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.value >= 48 && c.value <= 57
    }

    private mutating func scanNumber() throws(PendingError) -> Token? {
        var i = position
        guard isDigit(at(i)) else { return nil }
        if at(i) == "0" { i += 1 } else { while isDigit(at(i)) { i += 1 } }
        if at(i) == ".", isDigit(at(i + 1)) {
            i += 1
            while isDigit(at(i)) { i += 1 }
        }
        if let e = at(i), e == "e" || e == "E" {
            var j = i + 1
            if let s = at(j), s == "+" || s == "-" { j += 1 }
            if isDigit(at(j)) {
                while isDigit(at(j)) { j += 1 }
                i = j
            }
        }
        let text = String(String.UnicodeScalarView(chars[position..<i]))
        guard let d = Double(text), d.isFinite else { throw PendingError("S0102", position: position, token: text) }
        position = i
        return make(.number, text, .number(d))
    }
}
