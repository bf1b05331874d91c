/// Numbers written as English words, the way jsonata-js's `numberToWords` / `wordsToNumber` do it
/// ("one hundred and twenty-third", "ten billion trillion trillion trillion").
enum EnglishWords {
    private static let few = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ]
    private static let ordinals = [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth",
    ]
    private static let decades = [
        "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred",
    ]
    private static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    /// Title-case words for a non-negative integer (jsonata-js lower/upper-cases the result afterwards).
    static func words(for value: Double, ordinal: Bool) -> String {
        lookup(value, afterHigherPart: false, ordinal: ordinal)
    }

    private static func lookup(_ number: Double, afterHigherPart: Bool, ordinal: Bool) -> String {
        if number <= 19 {
            let index = Int(number)
            return (afterHigherPart ? " and " : "") + (ordinal ? ordinals[index] : few[index])
        }
        if number < 100 {
            return tens(number, afterHigherPart: afterHigherPart, ordinal: ordinal)
        }
        if number < 1000 {
            return hundreds(number, afterHigherPart: afterHigherPart, ordinal: ordinal)
        }
        return thousands(number, afterHigherPart: afterHigherPart, ordinal: ordinal)
    }

    private static func tens(_ number: Double, afterHigherPart: Bool, ordinal: Bool) -> String {
        let tens = Int((number / 10).rounded(.down))
        let remainder = number.truncatingRemainder(dividingBy: 10)
        var words = (afterHigherPart ? " and " : "") + decades[tens - 2]
        if remainder > 0 {
            words += "-" + lookup(remainder, afterHigherPart: false, ordinal: ordinal)
        } else if ordinal {
            words = String(words.dropLast()) + "ieth"  // twenty → twentieth
        }
        return words
    }

    private static func hundreds(_ number: Double, afterHigherPart: Bool, ordinal: Bool) -> String {
        let hundreds = Int((number / 100).rounded(.down))
        let remainder = number.truncatingRemainder(dividingBy: 100)
        var words = (afterHigherPart ? ", " : "") + few[hundreds] + " Hundred"
        if remainder > 0 {
            words += lookup(remainder, afterHigherPart: true, ordinal: ordinal)
        } else if ordinal {
            words += "th"
        }
        return words
    }

    private static func thousands(_ number: Double, afterHigherPart: Bool, ordinal: Bool) -> String {
        // floor(log10(n) / 3), capped at the largest magnitude word: beyond it words repeat ("trillion trillion").
        var magnitude = 0
        var factor = 1.0
        while magnitude < magnitudes.count && factor * 1000 <= number {
            factor *= 1000
            magnitude += 1
        }
        let mantissa = (number / factor).rounded(.down)
        let remainder = number - mantissa * factor
        var words =
            (afterHigherPart ? ", " : "") + lookup(mantissa, afterHigherPart: false, ordinal: false) + " "
            + magnitudes[magnitude - 1]
        if remainder > 0 {
            words += lookup(remainder, afterHigherPart: true, ordinal: ordinal)
        } else if ordinal {
            words += "th"
        }
        return words
    }

    /// Every word `wordsToNumber` knows, lower case, in jsonata-js's insertion order (which is also the order of
    /// the alternatives in its parsing regex), with its value.
    static let vocabulary: [(word: String, value: Double)] = {
        var entries: [(String, Double)] = []
        func add(_ word: String, _ value: Double) {
            // Re-assigning an existing key keeps its original position in a JavaScript object.
            if let index = entries.firstIndex(where: { $0.0 == word }) {
                entries[index].1 = value
            } else {
                entries.append((word, value))
            }
        }
        for (index, word) in few.enumerated() { add(word.lowercased(), Double(index)) }
        for (index, word) in ordinals.enumerated() { add(word.lowercased(), Double(index)) }
        for (index, word) in decades.enumerated() {
            let lower = word.lowercased()
            add(lower, Double((index + 2) * 10))
            add(String(lower.dropLast()) + "ieth", Double((index + 2) * 10))
        }
        add("hundredth", 100)
        var power = 1.0
        for word in magnitudes {
            power *= 1000
            add(word.lowercased(), power)
            add(word.lowercased() + "th", power)
        }
        return entries
    }()

    private static let values: [String: Double] = {
        var table: [String: Double] = [:]
        for entry in vocabulary { table[entry.word] = entry.value }
        return table
    }()

    /// jsonata-js `wordsToNumber`: split on ", ", " and ", whitespace, backslash or hyphen, then add up segments;
    /// any unknown word makes the result NaN, as `undefined` arithmetic does in JavaScript.
    static func number(from text: String) -> Double {
        var segments: [Double] = [0]
        for part in split(text.lowercased()) {
            guard let value = values[part] else { return .nan }
            if value < 100 {
                var top = segments.removeLast()
                if top >= 1000 {
                    segments.append(top)
                    top = 0
                }
                segments.append(top + value)
            } else {
                segments.append(segments.removeLast() * value)
            }
        }
        return segments.reduce(0, +)
    }

    /// JavaScript `text.split(/,\s|\sand\s|[\s\\-]/)`, alternatives tried in order at each position.
    private static func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let length = separatorLength(scalars, at: index)
            if length > 0 {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                index += length
            } else {
                current.append(scalars[index])
                index += 1
            }
        }
        parts.append(String(current))
        return parts
    }

    private static func separatorLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int {
        func isSpace(_ offset: Int) -> Bool {
            index + offset < scalars.count && scalars[index + offset].properties.isWhitespace
        }
        if scalars[index] == ",", isSpace(1) { return 2 }
        if isSpace(0), index + 4 < scalars.count,
            String(String.UnicodeScalarView(scalars[(index + 1)...(index + 3)])) == "and",
            isSpace(4)
        {
            return 5
        }
        if isSpace(0) || scalars[index] == "\\" || scalars[index] == "-" { return 1 }
        return 0
    }
}
