import SluiceJSON

/// Reads a policy's JSON text as AWS does, with the texts of AWS's JSON reader (Jackson) for the usual mistakes.
enum FilterPolicyDocument {
    static func parse(_ text: String) throws(FilterPolicyCompileError) -> JSONValue {
        let bytes = Array(text.utf8)
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch {
            // AWS reads one JSON value and ignores whatever follows it.
            if error.message == "unexpected data after the JSON value",
                let value = try? JSONParser.parse(bytes: Array(bytes[..<error.offset]))
            {
                return value
            }
            throw .syntax("failed to parse JSON. " + describe(error, in: bytes))
        }
    }

    private static func describe(_ error: JSONParseError, in bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return "No content to map due to end-of-input"
        }
        guard error.offset < bytes.count else { return "Unexpected end-of-input" }
        let expected: String
        let atValue = error.message == "invalid literal" || error.message.hasPrefix("unexpected character")
        switch error.message {
        case _ where atValue:
            if isIdentifierPart(bytes[error.offset]) {
                let token = bytes[error.offset...].prefix(while: isIdentifierPart).prefix(256)
                return "Unrecognized token '\(String(decoding: token, as: UTF8.self))': was expecting "
                    + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            }
            expected = "expected a value"
        case "expected a string key": expected = "was expecting double-quote to start field name"
        case "expected ':'": expected = "was expecting a colon to separate field name and value"
        case "expected ',' or '}'": expected = "was expecting comma to separate Object entries"
        case "expected ',' or ']'": expected = "was expecting comma to separate Array entries"
        case "control character in a string":
            return "Illegal unquoted character (\(characterDescription(bytes[error.offset...]))): "
                + "has to be escaped using backslash to be included in string value"
        default: return error.message
        }
        return "Unexpected character (\(characterDescription(bytes[error.offset...]))): \(expected)"
    }

    /// Java's identifier characters, near enough: ASCII letters, digits, `_`, `$` and anything non-ASCII.
    private static func isIdentifierPart(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"), 0x80...:
            true
        default: false
        }
    }

    /// Jackson's description of a character: `'}' (code 125)`, `'é' (code 233)`, `'€' (code 8364 / 0x20ac)` or
    /// `(CTRL-CHAR, code 10)`.
    private static func characterDescription(_ bytes: ArraySlice<UInt8>) -> String {
        let scalar = String(decoding: bytes.prefix(4), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        let code = scalar.value
        if code < 0x20 || (0x7F...0x9F).contains(code) { return "(CTRL-CHAR, code \(code))" }
        if code > 255 { return "'\(scalar)' (code \(code) / 0x\(String(code, radix: 16)))" }
        return "'\(scalar)' (code \(code))"
    }
}
