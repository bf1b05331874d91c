/// `$formatNumber(number, picture [, options])` (XPath F&O 3.1 format-number as jsonata-js 2.0.6 does it),
/// `$formatBase(number [, radix])`, and jsonata's `$round` (half to even), which both rely on.
package enum NumberPicture {
    package static func format(
        _ value: Double,
        picture: String,
        options: [String: String]
    ) throws(PictureError) -> String {
        let symbols = NumberSubPicture.Symbols(options: options)
        let sources = JSText(picture).split(symbols.patternSeparator)
        if sources.count > 2 { throw .make("D3080") }
        var pictures: [NumberSubPicture] = []
        for source in sources { pictures.append(try NumberSubPicture(source, symbols: symbols)) }
        if pictures.count == 1 {
            // No negative sub-picture: the positive one with a minus sign in front.
            var negative = pictures[0]
            negative.prefix = symbols.minus + negative.prefix
            pictures.append(negative)
        }
        let chosen = value >= 0 ? pictures[0] : pictures[1]
        return render(value, chosen, symbols).string
    }

    /// F&O 4.7.5 bullets 3 to 14, step by step as jsonata-js does them.
    private static func render(_ value: Double, _ pic: NumberSubPicture, _ symbols: NumberSubPicture.Symbols) -> JSText
    {
        var adjusted = value
        if pic.picture.contains(symbols.percent) {
            adjusted = value * 100
        } else if pic.picture.contains(symbols.perMille) {
            adjusted = value * 1000
        }
        var mantissa = adjusted
        var exponent: Double?
        if pic.minimumExponentSize != 0 {
            (mantissa, exponent) = scale(adjusted, scalingFactor: pic.scalingFactor)
        }
        let rounded = round(mantissa, precision: pic.maximumFractionalSize)
        var text = digits(rounded, places: pic.maximumFractionalSize, symbols)
        text = trimAndPad(text, pic, symbols)
        text = group(text, pic, symbols)
        let decimalPosition = text.indexOf(symbols.decimal)
        if !pic.picture.contains(symbols.decimal) || decimalPosition == text.count - 1 {
            text = text.substring(0, text.count - 1)  // drop the decimal separator nobody asked for
        }
        if let exponent {
            var written = digits(exponent, places: 0, symbols)
            let padding = pic.minimumExponentSize - written.count
            if padding > 0 { written = zeros(padding, symbols) + written }
            text = text + symbols.exponent + (exponent < 0 ? symbols.minus : JSText("")) + written
        }
        return pic.prefix + text + pic.suffix
    }

    /// Bullet 5: mantissa × 10^exponent = value with the mantissa in [10^(s-1), 10^s]. jsonata-js loops forever
    /// on zero and negative values; here those keep exponent 0 (zero) or are scaled by magnitude (negatives).
    private static func scale(_ value: Double, scalingFactor: Int) -> (Double, Double) {
        guard value != 0, value.isFinite else { return (value, 0) }
        let sign = value < 0 ? -1.0 : 1.0
        var mantissa = abs(value)
        var exponent = 0.0
        let maximum = power10(scalingFactor)
        let minimum = power10(scalingFactor - 1)
        while mantissa < minimum {
            mantissa *= 10
            exponent -= 1
        }
        while mantissa > maximum {
            mantissa /= 10
            exponent += 1
        }
        return (sign * mantissa, exponent)
    }

    private static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// `Math.abs(value).toFixed(places)` written with the zero-digit family.
    private static func digits(_ value: Double, places: Int, _ symbols: NumberSubPicture.Symbols) -> JSText {
        var text = JSText(JavaScriptNumber.fixed(abs(value), places))
        if symbols.zero != JSText("0") {
            text.units = text.units.map { $0 >= 48 && $0 <= 57 ? symbols.family[Int($0 - 48)] : $0 }
        }
        return text
    }

    /// Bullets 7 to 9: decimal separator in, zero digits trimmed at both ends, then padded to the minimum sizes.
    private static func trimAndPad(_ input: JSText, _ pic: NumberSubPicture, _ symbols: NumberSubPicture.Symbols)
        -> JSText
    {
        var text = input
        let point = text.indexOf(JSText("."))
        if point == -1 {
            text = text + symbols.decimal
        } else {
            text = text.substring(0, point) + symbols.decimal + text.substring(point + 1)
        }
        while !text.isEmpty && text.charAt(0) == symbols.zero { text = text.substring(1) }
        while !text.isEmpty && text.charAt(text.count - 1) == symbols.zero { text = text.substring(0, text.count - 1) }
        let decimalPosition = text.indexOf(symbols.decimal)
        let padLeft = pic.minimumIntegerSize - decimalPosition
        let padRight = pic.minimumFractionalSize - (text.count - decimalPosition - 1)
        if padLeft > 0 { text = zeros(padLeft, symbols) + text }
        if padRight > 0 { text = text + zeros(padRight, symbols) }
        return text
    }

    private static func zeros(_ count: Int, _ symbols: NumberSubPicture.Symbols) -> JSText {
        JSText(units: Array(repeating: symbols.zero.units, count: count).flatMap { $0 })
    }

    /// Bullets 10 and 11: grouping separators in the integer part (regular or at the picture's positions) and in
    /// the fractional part.
    private static func group(_ input: JSText, _ pic: NumberSubPicture, _ symbols: NumberSubPicture.Symbols) -> JSText {
        var text = input
        var decimalPosition = text.indexOf(symbols.decimal)
        if pic.regularGrouping > 0 {
            let groups = (decimalPosition - 1) / pic.regularGrouping
            if groups >= 1 {
                for group in 1...groups {
                    text = text.inserting(symbols.grouping, at: decimalPosition - group * pic.regularGrouping)
                }
            }
        } else {
            for position in pic.integerGroupingPositions {
                text = text.inserting(symbols.grouping, at: decimalPosition - position)
                decimalPosition += 1
            }
        }
        decimalPosition = text.indexOf(symbols.decimal)
        for position in pic.fractionalGroupingPositions {
            text = text.inserting(symbols.grouping, at: position + decimalPosition + 1)
        }
        return text
    }

    /// `$formatBase(value, radix)`: both rounded half to even first; radix outside 2…36 is D3100.
    package static func formatBase(_ value: Double, radix: Double?) throws(PictureError) -> String {
        let base = radix.map { round($0, precision: 0) } ?? 10
        if base < 2 || base > 36 || base.isNaN { throw .make("D3100", value: JavaScriptNumber.string(base)) }
        return JavaScriptNumber.string(round(value, precision: 0), radix: Int(base))
    }

    /// jsonata's `$round(value, precision)`: round half to even at `precision` decimal places, shifting the
    /// decimal point in the number's text form (as jsonata-js does) so that 2.675 with 2 places is seen as 267.5.
    package static func round(_ value: Double, precision: Int) -> Double {
        guard value.isFinite else { return value }
        var shifted = value
        if precision != 0 { shifted = shift(value, by: precision) }
        var result = mathRound(shifted)
        let difference = result - shifted
        if abs(difference) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
            result -= 1  // Math.round went up from an exact half to an odd number: take the even one
        }
        if precision != 0 { result = shift(result, by: -precision) }
        return result == 0 ? 0 : result  // no negative zero
    }

    /// `+(mantissa + "e" + (exponent + places))` on the JavaScript text of the number.
    private static func shift(_ value: Double, by places: Int) -> Double {
        let text = JavaScriptNumber.string(value)
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(of: "e") {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        return Double(mantissa + "e" + String(exponent + places)) ?? .nan
    }

    /// JavaScript `Math.round`: nearest integer, halves toward +∞.
    private static func mathRound(_ value: Double) -> Double {
        let floor = value.rounded(.down)
        return value - floor >= 0.5 ? floor + 1 : floor
    }
}
