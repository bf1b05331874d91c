/// Spreadsheet-style letter numbering (a, b, … z, aa, ab …) as jsonata-js's `decimalToLetters` /
/// `lettersToDecimal` do it.
enum LetterNumerals {
    static func letters(for value: Double, upper: Bool) -> String {
        let base: UInt32 = upper ? 65 : 97
        var rest = value
        var out: [Unicode.Scalar] = []
        while rest > 0 {
            let offset = UInt32((rest - 1).truncatingRemainder(dividingBy: 26))
            out.append(Unicode.Scalar(base + offset) ?? "?")
            rest = ((rest - 1) / 26).rounded(.down)
        }
        return String(String.UnicodeScalarView(out.reversed()))
    }

    /// Sum of (code unit − 'a' + 1) × 26^i from the right, for whatever characters are there (no validation,
    /// as in jsonata-js).
    static func value(of letters: String, upper: Bool) -> Double {
        let base = upper ? 65.0 : 97.0
        var total = 0.0
        var weight = 1.0
        for unit in letters.utf16.reversed() {
            total += (Double(unit) - base + 1) * weight
            weight *= 26
        }
        return total
    }
}
