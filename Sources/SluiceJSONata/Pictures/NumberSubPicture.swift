/// One sub-picture of a `$formatNumber` picture, split (F&O 4.7.2), validated (4.7.3) and analysed (4.7.4)
/// exactly as jsonata-js does, quirks included (they decide which strings come out).
struct NumberSubPicture {
    /// The decimal-format properties (defaults overridden by the options argument).
    struct Symbols {
        var decimal = JSText(".")
        var grouping = JSText(",")
        var exponent = JSText("e")
        var minus = JSText("-")
        var percent = JSText("%")
        var perMille = JSText("\u{2030}")
        var zero = JSText("0")
        var digit = JSText("#")
        var patternSeparator = JSText(";")
        /// The ten code units from the zero digit up.
        var family: [UInt16] = Array(48...57)

        init(options: [String: String]) {
            for (key, value) in options {
                let text = JSText(value)
                switch key {
                case "decimal-separator": decimal = text
                case "grouping-separator": grouping = text
                case "exponent-separator": exponent = text
                case "minus-sign": minus = text
                case "percent": percent = text
                case "per-mille": perMille = text
                case "zero-digit": zero = text
                case "digit": digit = text
                case "pattern-separator": patternSeparator = text
                default: break  // "infinity", "NaN" and unknown keys change nothing jsonata-js prints
                }
            }
            let first = zero.units.first ?? 48
            family = (0..<10).map { first &+ UInt16($0) }
        }

        func isFamily(_ unit: UInt16) -> Bool { family.contains(unit) }

        /// Digits, decimal and grouping separators, the optional digit, the exponent and pattern separators.
        func isActive(_ unit: UInt16) -> Bool {
            isFamily(unit) || [decimal, exponent, grouping, digit, patternSeparator].contains(JSText(units: [unit]))
        }

        /// The digit-or-optional-digit test jsonata-js applies when counting positions.
        func isDigitSign(_ unit: UInt16) -> Bool { isFamily(unit) || JSText(units: [unit]) == digit }
    }

    /// The pieces found by `splitParts`.
    private struct Pieces {
        var prefix = JSText("")
        var suffix = JSText("")
        var active = JSText("")
        var mantissa = JSText("")
        var exponent: JSText?
        var integer = JSText("")
        var fractional = JSText("")
    }

    var prefix: JSText
    var suffix: JSText
    var picture: JSText
    var integerGroupingPositions: [Int] = []
    var regularGrouping = 0
    var fractionalGroupingPositions: [Int] = []
    var minimumIntegerSize = 0
    var scalingFactor = 0
    var minimumFractionalSize = 0
    var maximumFractionalSize = 0
    var minimumExponentSize = 0

    init(_ subpicture: JSText, symbols: Symbols) throws(PictureError) {
        let pieces = Self.split(subpicture, symbols: symbols)
        try Self.validate(subpicture, pieces, symbols: symbols)
        prefix = pieces.prefix
        suffix = pieces.suffix
        picture = subpicture
        analyse(pieces, symbols: symbols)
    }

    /// Prefix and suffix are the passive text around the first and last active character (the exponent separator
    /// does not count, so "e" can appear in a prefix); the rest splits into mantissa/exponent and integer/fraction.
    private static func split(_ picture: JSText, symbols: Symbols) -> Pieces {
        var pieces = Pieces()
        let isBoundary = { (unit: UInt16) in symbols.isActive(unit) && JSText(units: [unit]) != symbols.exponent }
        guard let first = picture.units.firstIndex(where: isBoundary),
            let last = picture.units.lastIndex(where: isBoundary)
        else {
            pieces.prefix = picture  // no active character at all: D3085 follows
            return pieces
        }
        pieces.prefix = picture.substring(0, first)
        pieces.suffix = picture.substring(last + 1)
        pieces.active = picture.substring(first, last + 1)
        let exponentPosition = picture.indexOf(symbols.exponent, from: first)
        if exponentPosition == -1 || exponentPosition > picture.count - pieces.suffix.count {
            pieces.mantissa = pieces.active
        } else {
            // jsonata-js indexes the active part with a position found in the whole sub-picture.
            pieces.mantissa = pieces.active.substring(0, exponentPosition)
            pieces.exponent = pieces.active.substring(exponentPosition + 1)
        }
        let decimalPosition = pieces.mantissa.indexOf(symbols.decimal)
        if decimalPosition == -1 {
            pieces.integer = pieces.mantissa
            pieces.fractional = pieces.suffix  // sic: jsonata-js takes the suffix as the fractional part here
        } else {
            pieces.integer = pieces.mantissa.substring(0, decimalPosition)
            pieces.fractional = pieces.mantissa.substring(decimalPosition + 1)
        }
        return pieces
    }

    /// Every rule is checked and the last one broken is reported, as in jsonata-js.
    private static func validate(_ picture: JSText, _ pieces: Pieces, symbols: Symbols) throws(PictureError) {
        var error: String?
        let decimalPosition = picture.indexOf(symbols.decimal)
        if decimalPosition != picture.lastIndexOf(symbols.decimal) { error = "D3081" }
        if picture.indexOf(symbols.percent) != picture.lastIndexOf(symbols.percent) { error = "D3082" }
        if picture.indexOf(symbols.perMille) != picture.lastIndexOf(symbols.perMille) { error = "D3083" }
        if picture.contains(symbols.percent) && picture.contains(symbols.perMille) { error = "D3084" }
        if !pieces.mantissa.units.contains(where: symbols.isDigitSign) { error = "D3085" }
        if pieces.active.units.contains(where: { !symbols.isActive($0) }) { error = "D3086" }
        if decimalPosition != -1 {
            if picture.charAt(decimalPosition - 1) == symbols.grouping
                || picture.charAt(decimalPosition + 1) == symbols.grouping
            {
                error = "D3087"
            }
        } else if pieces.integer.charAt(pieces.integer.count - 1) == symbols.grouping {
            error = "D3088"
        }
        if picture.contains(symbols.grouping + symbols.grouping) { error = "D3089" }
        let optional = pieces.integer.indexOf(symbols.digit)
        if optional != -1 && pieces.integer.substring(0, optional).units.contains(where: symbols.isFamily) {
            error = "D3090"
        }
        let lastOptional = pieces.fractional.lastIndexOf(symbols.digit)
        if lastOptional != -1 && pieces.fractional.substring(lastOptional).units.contains(where: symbols.isFamily) {
            error = "D3091"
        }
        if let exponent = pieces.exponent {
            if !exponent.isEmpty && (picture.contains(symbols.percent) || picture.contains(symbols.perMille)) {
                error = "D3092"
            }
            if exponent.isEmpty || exponent.units.contains(where: { !symbols.isFamily($0) }) { error = "D3093" }
        }
        if let error { throw .make(error) }
    }

    private mutating func analyse(_ pieces: Pieces, symbols: Symbols) {
        integerGroupingPositions = Self.groupingPositions(
            pieces.integer,
            integer: pieces.integer,
            toLeft: false,
            symbols
        )
        regularGrouping = Self.regularInterval(integerGroupingPositions)
        fractionalGroupingPositions = Self.groupingPositions(
            pieces.fractional,
            integer: pieces.integer,
            toLeft: true,
            symbols
        )
        minimumIntegerSize = pieces.integer.units.filter(symbols.isFamily).count
        scalingFactor = minimumIntegerSize
        minimumFractionalSize = pieces.fractional.units.filter(symbols.isFamily).count
        maximumFractionalSize = pieces.fractional.units.filter(symbols.isDigitSign).count
        let hasExponent = pieces.exponent != nil
        if minimumIntegerSize == 0 && maximumFractionalSize == 0 {
            if hasExponent {
                minimumFractionalSize = 1
                maximumFractionalSize = 1
            } else {
                minimumIntegerSize = 1
            }
        }
        if hasExponent && minimumIntegerSize == 0 && pieces.integer.contains(symbols.digit) {
            minimumIntegerSize = 1
        }
        if minimumIntegerSize == 0 && minimumFractionalSize == 0 { minimumFractionalSize = 1 }
        minimumExponentSize = pieces.exponent?.units.filter(symbols.isFamily).count ?? 0
    }

    /// Digit positions counted from each grouping separator (rightwards for the integer part, leftwards for the
    /// fraction). The next separator is searched in the integer part in both cases, as jsonata-js does.
    private static func groupingPositions(_ part: JSText, integer: JSText, toLeft: Bool, _ symbols: Symbols) -> [Int] {
        var positions: [Int] = []
        var position = part.indexOf(symbols.grouping)
        while position != -1 {
            let side = toLeft ? part.substring(0, position) : part.substring(position)
            positions.append(side.units.filter(symbols.isDigitSign).count)
            position = integer.indexOf(symbols.grouping, from: position + 1)
        }
        return positions
    }

    /// g when the positions are exactly g, 2g, 3g…; else 0.
    private static func regularInterval(_ positions: [Int]) -> Int {
        guard let first = positions.first else { return 0 }
        let factor = positions.dropFirst().reduce(first, IntegerFormat.gcd)
        for multiple in 1...positions.count where !positions.contains(multiple * factor) {
            return 0
        }
        return factor
    }
}
