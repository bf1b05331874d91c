/// Roman numerals as jsonata-js writes and reads them (lower case out; `romanToDecimal` reads upper case).
enum RomanNumerals {
    private static let numerals: [(value: Double, text: String)] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
        (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]

    private static let values: [Character: Double] = [
        "M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1,
    ]

    /// Greedy largest-numeral-first, so 0 gives "" and thousands repeat "m".
    static func roman(for value: Double) -> String {
        var rest = value
        var out = ""
        for numeral in numerals {
            while rest >= numeral.value {
                out += numeral.text
                rest -= numeral.value
            }
        }
        return out
    }

    /// Right to left: a numeral smaller than the largest seen so far subtracts. An unknown character makes the
    /// result NaN, as `undefined` arithmetic does in jsonata-js.
    static func value(of roman: String) -> Double {
        var total = 0.0
        var largest = 1.0
        for character in roman.reversed() {
            guard let value = values[character] else { return .nan }
            if value < largest {
                total -= value
            } else {
                largest = value
                total += value
            }
        }
        return total
    }
}
