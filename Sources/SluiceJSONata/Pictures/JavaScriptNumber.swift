/// JavaScript's number-to-string conversions, digit for digit.
///
/// JSONata's results are compared as text against jsonata-js, so every place where jsonata-js lets
/// JavaScript print a number (string concatenation, `$string`, `toFixed` inside `$formatNumber`, `toString(radix)`
/// inside `$formatBase`) must print exactly what V8 prints.
package enum JavaScriptNumber {
    /// `Number.prototype.toString()`: shortest round-trip digits (ECMA-262 Number::toString), fixed notation for
    /// exponents in [-7, 21), otherwise `1e+21` / `1.5e-7` style.
    package static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == 0 { return "0" }  // both zeros print as "0"
        if value < 0 { return "-" + string(-value) }
        if value.isInfinite { return "Infinity" }
        let (digits, point) = shortestDigits(value)
        return layout(digits, point)
    }

    /// `Number.prototype.toPrecision(digits)` for digits in 1...100 (clamped there: JS would throw a RangeError).
    package static func precision(_ value: Double, _ digits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value < 0 { return "-" + precision(-value, digits) }
        if value.isInfinite { return "Infinity" }
        let count = min(max(digits, 1), 100)
        var significant = [UInt8](repeating: 0, count: count)
        var exponent = 0
        if value != 0 {
            let rounded = significantDigits(value, count)
            significant = rounded.digits
            exponent = rounded.point - 1
        }
        let text = significant.map { $0 + 48 }  // ASCII digits
        if exponent < -6 || exponent >= count {
            return utf8(mantissa(text) + exponentSuffix(exponent))
        }
        if exponent >= 0 {
            let head = Array(text[0...exponent])
            return utf8(exponent == count - 1 ? head : head + [46] + text[(exponent + 1)...])
        }
        return utf8([48, 46] + [UInt8](repeating: 48, count: -(exponent + 1)) + text)
    }

    /// `value` (positive, finite) rounded half-up to `count` significant digits. jsonata prints every number
    /// through toPrecision(15), so the exact expansion (a big multiplication) is avoided whenever the shortest
    /// round-trip digits S decide the result: with at most 15 digits asked and S no longer, S is the answer
    /// (the grid is coarser than the double's precision); with S longer, rounding S rounds the value the same way
    /// unless S ends exactly on the halfway digit 5 (no halfway point lies strictly between S and the value, or
    /// it would be a shorter or closer round-trip representation than S).
    private static func significantDigits(_ value: Double, _ count: Int) -> (digits: [UInt8], point: Int) {
        // Subnormals carry fewer than 53 bits, so their shortest digits say too little.
        guard value.isNormal else { return ExactDecimal(value).roundedSignificant(count) }
        let shortest = shortestDigits(value)
        let digits = shortest.digits
        if digits.count <= count && count <= 15 {
            return (digits + [UInt8](repeating: 0, count: count - digits.count), shortest.point)
        }
        if digits.count > count && !(digits.count == count + 1 && digits[count] == 5) {
            return ExactDecimal(digits: digits, point: shortest.point).roundedSignificant(count)
        }
        return ExactDecimal(value).roundedSignificant(count)
    }

    /// `Number.prototype.toFixed(digits)` (digits in 0...100): exact value rounded half-up at `digits` places;
    /// magnitudes of 1e21 and above fall back to `toString`, as in JavaScript.
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        if !value.isFinite || abs(value) >= 1e21 { return string(value) }
        let places = min(max(digits, 0), 100)
        let sign = value < 0 ? "-" : ""  // -0 is not below zero, so it prints without a sign
        let exact = ExactDecimal(abs(value))
        let rounded = exact.roundedSignificant(exact.point + places)
        let length = rounded.point + places
        var integer = [UInt8](repeating: 0, count: max(length, 0))
        for (index, digit) in rounded.digits.prefix(integer.count).enumerated() { integer[index] = digit }
        if integer.count < places + 1 {
            integer = [UInt8](repeating: 0, count: places + 1 - integer.count) + integer
        }
        let text = integer.map { $0 + 48 }
        guard places > 0 else { return sign + utf8(text) }
        let split = text.count - places
        return sign + utf8(Array(text[..<split]) + [46] + text[split...])
    }

    /// `Number.prototype.toString(radix)` for integral values (the only ones `$formatBase` passes), following V8's
    /// DoubleToRadixCString: digits beyond 2^53 are not representable and print as zeros.
    package static func string(_ value: Double, radix: Int) -> String {
        if value.isNaN { return "NaN" }
        if value < 0 { return "-" + string(-value, radix: radix) }
        if value.isInfinite { return "Infinity" }
        if radix == 10 { return string(value) }
        let base = Double(radix)
        var integer = value.rounded(.towardZero)
        var out: [Character] = []
        while integer / base >= 9_007_199_254_740_992 {
            integer /= base
            out.append("0")
        }
        repeat {
            let remainder = integer.truncatingRemainder(dividingBy: base)
            out.append(digitCharacter(Int(remainder)))
            integer = (integer - remainder) / base
        } while integer > 0
        return String(out.reversed())
    }

    /// Shortest digits that round-trip to `value` (positive, finite), as value = 0.digits × 10^point.
    /// Swift's own `description` already produces the shortest, closest digits; only the layout differs.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in value.description.utf8 {
            switch byte {
            case 46: seenPoint = true  // "."
            case 101, 69: inExponent = true  // "e", "E"
            case 45: exponentSign = -1  // "-" (only ever in the exponent: value is positive)
            case 48...57 where inExponent: exponent = exponent * 10 + Int(byte - 48)
            case 48...57:
                digits.append(byte - 48)
                if !seenPoint { integerDigits += 1 }
            default: break  // "+"
            }
        }
        exponent *= exponentSign
        var point = integerDigits + exponent
        while digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == 0 { digits.removeLast() }
        return (digits, point)
    }

    /// ECMA-262 Number::toString layout of k digits with value = 0.digits × 10^point (n = point).
    private static func layout(_ digits: [UInt8], _ point: Int) -> String {
        let text = digits.map { $0 + 48 }
        let count = text.count
        if count <= point && point <= 21 {
            return utf8(text + [UInt8](repeating: 48, count: point - count))
        }
        if 0 < point && point <= 21 {
            return utf8(Array(text[..<point]) + [46] + text[point...])
        }
        if -6 < point && point <= 0 {
            return utf8([48, 46] + [UInt8](repeating: 48, count: -point) + text)
        }
        return utf8(mantissa(text) + exponentSuffix(point - 1))
    }

    /// "d" or "d.ddd" from ASCII digits.
    private static func mantissa(_ text: [UInt8]) -> [UInt8] {
        text.count == 1 ? text : [text[0], 46] + text[1...]
    }

    /// "e+n" / "e-n".
    private static func exponentSuffix(_ exponent: Int) -> [UInt8] {
        [101, exponent >= 0 ? 43 : 45] + Array(String(abs(exponent)).utf8)
    }

    private static func utf8(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    private static func digitCharacter(_ value: Int) -> Character {
        let scalar = value < 10 ? 48 + value : 87 + value  // 0-9 then a-z
        return Character(Unicode.Scalar(UInt8(scalar)))
    }
}
