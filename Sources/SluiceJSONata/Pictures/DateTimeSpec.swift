/// An analysed date/time picture (XPath F&O 3.1 §9.8.4, jsonata-js `analyseDateTimePicture`): literal text and
/// variable markers such as `[Y0001]`, `[MNn,*-3]`, `[Z01:01t]`.
struct DateTimeSpec {
    enum Part {
        case literal(String)
        case marker(Marker)
    }

    /// One `[...]` variable marker.
    struct Marker {
        /// The component specifier: the first character of the marker ("" for an empty marker).
        var component: String
        var presentation1: String
        /// The trailing `a`, `t`, `c` or `o` modifier, if any.
        var presentation2: String?
        /// Set when the first presentation modifier is `n`, `N` or `Nn`: the component is written as a name.
        var names: IntegerFormat.LetterCase?
        var hasWidth = false
        var minWidth: Int?
        var maxWidth: Int?
        /// How integer-valued components (and timezones) are written.
        var integerFormat: IntegerFormat?
        /// For the year: how many low-order digits to keep (-1 keeps all).
        var yearDigits = -1

        /// Whether the component specifier is one of the characters of `set`.
        func isOne(of set: String) -> Bool {
            guard component.count == 1, let character = component.first else { return false }
            return set.contains(character)
        }
    }

    private static let defaultPresentation: [String: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1",
        "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]

    /// The picture jsonata-js uses when none is given.
    static let iso8601Picture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    var parts: [Part] = []

    init(picture: String) throws(PictureError) {
        let scalars = Array(picture.unicodeScalars)
        var start = 0
        var position = 0
        while position < scalars.count {
            guard scalars[position] == "[" else {
                position += 1
                continue
            }
            if position + 1 < scalars.count && scalars[position + 1] == "[" {
                // "[[" is a literal "["
                addLiteral(scalars[start..<position])
                parts.append(.literal("["))
                position += 2
                start = position
                continue
            }
            addLiteral(scalars[start..<position])
            guard let close = scalars[position...].firstIndex(of: "]") else { throw .make("D3135") }
            let text = scalars[(position + 1)..<close].filter { !$0.properties.isWhitespace }
            try addMarker(Array(text))
            position = close + 1
            start = position
        }
        addLiteral(scalars[start..<position])
    }

    /// Literal text, with "]]" standing for "]".
    private mutating func addLiteral(_ scalars: ArraySlice<Unicode.Scalar>) {
        guard !scalars.isEmpty else { return }
        var out = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            out.append(scalars[index])
            let doubled = scalars[index] == "]" && index + 1 < scalars.endIndex && scalars[index + 1] == "]"
            index += doubled ? 2 : 1
        }
        parts.append(.literal(String(out)))
    }

    private mutating func addMarker(_ text: [Unicode.Scalar]) throws(PictureError) {
        let component = text.first.map { String($0) } ?? ""
        var marker = Marker(component: component, presentation1: "")
        var modifiers: [Unicode.Scalar]
        if let comma = text.lastIndex(of: ",") {
            readWidth(Array(text[(comma + 1)...]), into: &marker)
            // JavaScript substring(1, comma) swaps its bounds when comma is 0.
            modifiers = Array(text[min(1, comma)..<max(1, comma)])
        } else {
            modifiers = Array(text.dropFirst())
        }
        if modifiers.count > 1, let last = modifiers.last, "atco".unicodeScalars.contains(last) {
            marker.presentation2 = String(last)
            modifiers.removeLast()
        }
        if modifiers.isEmpty {
            guard let preset = Self.defaultPresentation[component] else {
                throw .make("D3132", quoting: component)
            }
            marker.presentation1 = preset
        } else {
            marker.presentation1 = String(String.UnicodeScalarView(modifiers))
        }
        try describe(&marker)
        parts.append(.marker(marker))
    }

    /// §9.8.4.2 width modifier `,min-max` where either may be `*`.
    private func readWidth(_ text: [Unicode.Scalar], into marker: inout Marker) {
        marker.hasWidth = true
        if let dash = text.firstIndex(of: "-") {
            marker.minWidth = Self.width(text[..<dash])
            marker.maxWidth = Self.width(text[(dash + 1)...])
        } else {
            marker.minWidth = Self.width(text[...])
        }
    }

    /// `parseInt` of a width; `*` (and anything unreadable) leaves it unbounded.
    private static func width(_ text: ArraySlice<Unicode.Scalar>) -> Int? {
        let value = IntegerPicture.parseInt(Array(text))
        // Int(exactly:) rather than Int(_:), which traps on a width such as 99999999999999999999 (found fuzzing).
        return value.isFinite ? Int(exactly: value.rounded(.towardZero)) : nil
    }

    /// Names vs integers, and the integer format with its widths (§9.8.4.3, year digits §9.8.4.4).
    private mutating func describe(_ marker: inout Marker) throws(PictureError) {
        let first = marker.presentation1.unicodeScalars.first
        if first == "n" {
            marker.names = .lower
        } else if first == "N" {
            marker.names = marker.presentation1.unicodeScalars.dropFirst().first == "n" ? .title : .upper
        } else if marker.isOne(of: "YMDdFWwXxHhmsf") {
            var pattern = marker.presentation1
            if let second = marker.presentation2 { pattern += ";" + second }
            var format = try IntegerFormat(picture: pattern)
            if let minimum = marker.minWidth, format.mandatoryDigits < minimum { format.mandatoryDigits = minimum }
            if marker.component == "Y" {
                if let maximum = marker.maxWidth {
                    marker.yearDigits = maximum
                    format.mandatoryDigits = maximum
                } else if format.mandatoryDigits + format.optionalDigits >= 2 {
                    marker.yearDigits = format.mandatoryDigits + format.optionalDigits
                }
            }
            marker.integerFormat = format
            fixWidthOfPreviousInteger()
        }
        if marker.component == "Z" || marker.component == "z" {
            marker.integerFormat = try IntegerFormat(picture: marker.presentation1)
        }
    }

    /// Two integer markers with nothing between them can only be told apart if the first has a fixed width.
    private mutating func fixWidthOfPreviousInteger() {
        guard case .marker(var previous)? = parts.last, var format = previous.integerFormat else { return }
        format.parseWidth = format.mandatoryDigits
        previous.integerFormat = format
        parts[parts.count - 1] = .marker(previous)
    }
}
