/// `$formatInteger(number, picture)` and `$parseInteger(string, picture)`: XPath F&O 3.1 format-integer as
/// jsonata-js 2.0.6 implements it (decimal digit patterns with grouping, `a`/`A` letters, `i`/`I` roman,
/// `w`/`W`/`Ww` words, `;o` ordinals).
package enum IntegerPicture {
    /// Formats `floor(value)` with the picture.
    package static func format(_ value: Double, picture: String) throws(PictureError) -> String {
        let format = try IntegerFormat(picture: picture)
        return try format.format(value.rounded(.down))
    }

    /// Reads `text` back with the picture. Like jsonata-js, the text is not validated against the picture: the
    /// result is NaN when it cannot be read (JavaScript's `parseInt` / `undefined` arithmetic); nil is not used
    /// here but kept in the signature for the interpreter's "undefined".
    package static func parse(_ text: String, picture: String) throws(PictureError) -> Double? {
        let format = try IntegerFormat(picture: picture)
        return try value(of: text, format: format)
    }

    /// The number a picture-formatted integer denotes (jsonata-js's per-format `parse` functions).
    static func value(of text: String, format: IntegerFormat) throws(PictureError) -> Double {
        switch format.primary {
        case .letters:
            return LetterNumerals.value(of: text, upper: format.letterCase == .upper)
        case .roman:
            return RomanNumerals.value(of: format.letterCase == .upper ? text : text.uppercased())
        case .words:
            return EnglishWords.number(from: text)
        case .decimal:
            return decimalValue(of: text, format: format)
        case .sequence:
            throw .make("D3130", quoting: format.token)
        }
    }

    private static func decimalValue(of text: String, format: IntegerFormat) -> Double {
        var scalars = Array(text.unicodeScalars)
        if format.ordinal { scalars = Array(scalars.dropLast(2)) }  // "st", "nd", "rd", "th"
        // A regular grouping strips commas whatever its separator is: jsonata-js does exactly that.
        let separators = format.isRegular ? [","] : format.separators.map(\.character)
        scalars.removeAll { separators.contains(String($0)) }
        if format.zeroCode != 0x30 {
            scalars = scalars.map { Unicode.Scalar($0.value &- format.zeroCode &+ 0x30) ?? $0 }
        }
        return parseInt(scalars)
    }

    /// JavaScript `parseInt(s)` in base 10: optional leading whitespace and sign, then the longest digit run.
    static func parseInt(_ scalars: [Unicode.Scalar]) -> Double {
        var index = 0
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        var negative = false
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" {
            negative = scalars[index] == "-"
            index += 1
        }
        var digits = ""
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard let value = Double(digits) else { return .nan }
        return negative ? -value : value
    }
}
