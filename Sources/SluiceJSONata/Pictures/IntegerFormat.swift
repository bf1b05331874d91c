/// An analysed XPath `format-integer` picture (jsonata-js `analyseIntegerPicture`), and the formatting it drives
/// (`_formatInteger`). Date/time markers reuse it for their integer-valued components.
struct IntegerFormat {
    enum Primary { case decimal, letters, roman, words, sequence }
    enum LetterCase { case upper, lower, title }

    /// A grouping separator and how many digit positions lie to its right.
    struct Separator {
        var position: Int
        var character: String
    }

    var primary = Primary.decimal
    var letterCase = LetterCase.lower
    var ordinal = false
    /// First code point of the decimal digit family used by the pattern (0x30 for ASCII digits).
    var zeroCode: UInt32 = 0x30
    var mandatoryDigits = 0
    var optionalDigits = 0
    /// Regular grouping: one separator character repeated every `groupingInterval` digits.
    var groupingInterval = 0
    /// Irregular grouping: the separators, leftmost first.
    var separators: [Separator] = []
    /// The unsupported numbering-sequence token, reported by D3130.
    var token = ""
    /// Exact digit count when parsing a date/time integer directly followed by another integer marker.
    var parseWidth: Int?

    var isRegular: Bool { groupingInterval > 0 }

    /// First code points of the Unicode decimal digit families jsonata-js recognises (BMP only, as there).
    private static let decimalGroups: [UInt32] = [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
        0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
        0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ]

    init(picture: String) throws(PictureError) {
        var primaryFormat = picture
        if let semicolon = picture.lastIndex(of: ";") {
            primaryFormat = String(picture[..<semicolon])
            ordinal = picture[picture.index(after: semicolon)...].first == "o"
        }
        switch primaryFormat {
        case "A": (primary, letterCase) = (.letters, .upper)
        case "a": primary = .letters
        case "I": (primary, letterCase) = (.roman, .upper)
        case "i": primary = .roman
        case "W": (primary, letterCase) = (.words, .upper)
        case "Ww": (primary, letterCase) = (.words, .title)
        case "w": primary = .words
        default: try analyseDigits(primaryFormat)
        }
    }

    /// A decimal-digit pattern if it has at least one digit of some decimal family; otherwise a numbering
    /// sequence, which jsonata-js does not support (D3130 when used).
    private mutating func analyseDigits(_ pattern: String) throws(PictureError) {
        var zero: UInt32?
        var collected: [Separator] = []
        var position = 0
        // Walk right to left so each separator knows how many digit positions are to its right.
        for scalar in pattern.unicodeScalars.reversed() {
            if let group = Self.decimalGroups.first(where: { scalar.value >= $0 && scalar.value <= $0 + 9 }) {
                mandatoryDigits += 1
                position += 1
                if zero == nil {
                    zero = group
                } else if zero != group {
                    throw .make("D3131")
                }
            } else if scalar == "#" {
                position += 1
                optionalDigits += 1
            } else {
                collected.append(Separator(position: position, character: String(scalar)))
            }
        }
        guard mandatoryDigits > 0, let zero else {
            primary = .sequence
            token = pattern
            return
        }
        zeroCode = zero
        let interval = Self.regularInterval(collected)
        if interval > 0 {
            groupingInterval = interval
            separators = [collected[0]]
        } else {
            separators = collected.reversed()
        }
    }

    /// The common interval if the separators are all the same character at positions g, 2g, 3g…; else 0.
    static func regularInterval(_ separators: [Separator]) -> Int {
        guard let first = separators.first else { return 0 }
        guard separators.allSatisfy({ $0.character == first.character }) else { return 0 }
        let positions = separators.map(\.position)
        let factor = positions.dropFirst().reduce(positions[0], gcd)
        for multiple in 1...positions.count where !positions.contains(multiple * factor) {
            return 0
        }
        return factor
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }

    /// The separator character of a regular grouping (jsonata-js keeps it as `groupingSeparators.character`).
    var regularSeparator: String? { isRegular ? separators.first?.character : nil }

    /// jsonata-js `_formatInteger`: the value is expected to be integral already (callers floor it).
    func format(_ value: Double) throws(PictureError) -> String {
        let magnitude = abs(value)
        var text: String
        switch primary {
        case .letters:
            text = LetterNumerals.letters(for: magnitude, upper: letterCase == .upper)
        case .roman:
            // jsonata-js writes one numeral per recursive call and runs out of stack around 10^7: fail there too
            // rather than build megabytes of "m".
            if magnitude > 10_000_000 { throw Self.stackOverflow }
            text = RomanNumerals.roman(for: magnitude)
            if letterCase == .upper { text = text.uppercased() }
        case .words:
            // NaN and infinity recurse forever in jsonata-js's numberToWords.
            if !magnitude.isFinite { throw Self.stackOverflow }
            text = EnglishWords.words(for: magnitude, ordinal: ordinal)
            if letterCase == .upper {
                text = text.uppercased()
            } else if letterCase == .lower {
                text = text.lowercased()
            }
        case .decimal:
            // A width of `,100000000` pads with that many zeros, a character at a time: gigabytes for a picture of
            // a few bytes (found fuzzing). Past a million digits fail as JavaScript does past its longest string.
            if mandatoryDigits > Self.maximumDigits { throw Self.invalidLength }
            text = formatDecimal(magnitude)
        case .sequence:
            throw .make("D3130", quoting: token)
        }
        return value < 0 ? "-" + text : text
    }

    /// What jsonata-js's caller sees when its recursive writers exhaust the JavaScript stack (a RangeError with
    /// no JSONata code).
    static let stackOverflow = PictureError(code: "RangeError", message: "Maximum call stack size exceeded")

    /// The most digits a decimal picture may pad to.
    static let maximumDigits = 1_000_000
    /// JavaScript's error for a string longer than it can build.
    static let invalidLength = PictureError(code: "RangeError", message: "Invalid string length")

    private func formatDecimal(_ magnitude: Double) -> String {
        var scalars = Array(JavaScriptNumber.string(magnitude).unicodeScalars)
        if mandatoryDigits > scalars.count {
            scalars = [Unicode.Scalar](repeating: "0", count: mandatoryDigits - scalars.count) + scalars
        }
        if zeroCode != 0x30 {
            // Shifts every character (as jsonata-js does), so only the digits are meaningful.
            scalars = scalars.map { Unicode.Scalar($0.value + zeroCode - 0x30) ?? $0 }
        }
        var text = scalars.map(String.init)
        // The separators are placed in one pass over the digits: inserting them one at a time, as jsonata-js
        // does, is quadratic, and a picture of 12,000 separators took a minute (found fuzzing).
        if let separator = regularSeparator {
            // jsonata-js inserts one every `groupingInterval` digits counted from the right, none at the front.
            let digits = text
            text = []
            text.reserveCapacity(digits.count * 2)
            for (index, digit) in digits.enumerated() {
                let right = digits.count - index
                if index > 0 && right % groupingInterval == 0 { text.append(separator) }
                text.append(digit)
            }
        } else {
            // Leftmost first, so their positions (characters to their right) never increase. One left of
            // everything there is goes in as jsonata-js puts it (JavaScript's substr drops characters), on a text
            // no longer than its position; from the first that fits, each goes in front of the character with that
            // many to its right, after any placed there before it, in one pass.
            var remaining = separators[...]
            while let first = remaining.first, first.position > text.count {
                text = Self.insert(first.character, into: text, fromEnd: first.position)
                remaining = remaining.dropFirst()
            }
            let characters = text
            text = []
            text.reserveCapacity(characters.count + remaining.count)
            for (index, character) in characters.enumerated() {
                while let first = remaining.first, first.position == characters.count - index {
                    text.append(first.character)
                    remaining = remaining.dropFirst()
                }
                text.append(character)
            }
            text += remaining.map(\.character)
        }
        var result = text.joined()
        if ordinal { result += Self.ordinalSuffix(text) }
        return result
    }

    /// `s.substr(0, cut) + separator + s.substr(cut)` with cut = len - position and JavaScript's `substr`: a negative
    /// cut keeps nothing before the separator and only the last -cut characters after it.
    private static func insert(_ separator: String, into text: [String], fromEnd position: Int) -> [String] {
        let cut = text.count - position
        let head = cut > 0 ? Array(text[..<cut]) : []
        let tail = Array(text[(cut >= 0 ? cut : max(text.count + cut, 0))...])
        return head + [separator] + tail
    }

    private static func ordinalSuffix(_ text: [String]) -> String {
        let suffixes = ["1": "st", "2": "nd", "3": "rd"]
        guard let last = text.last, let suffix = suffixes[last] else { return "th" }
        return text.count > 1 && text[text.count - 2] == "1" ? "th" : suffix
    }
}
