import SluiceASL
import SluiceJSON

extension IntrinsicEvaluator {
    /// `States.Format(template, values…)`: each `{}` in the template replaced by the next value's text.
    ///
    /// In the template `\{`, `\}` and `\\` stand for the characters themselves, so an escaped brace is never a
    /// placeholder; the placeholders and the values must match in number.
    static func format(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let template = try arguments.string(0)
        let values = arguments.values.dropFirst()
        var output = String.UnicodeScalarView()
        var used = 0
        var scalars = template.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\\":
                if let next = pending, next == "\\" || next == "{" || next == "}" {
                    output.append(next)
                    pending = scalars.next()
                } else {
                    output.append(scalar)
                }
            case "{" where pending == "}":
                pending = scalars.next()
                guard used < values.count else {
                    throw arguments.failure(
                        "the template has more {} placeholders than the \(values.count) value(s) given to fill them"
                    )
                }
                output.append(contentsOf: javaText(values[values.startIndex + used]).unicodeScalars)
                used += 1
            default:
                output.append(scalar)
            }
        }
        guard used == values.count else {
            throw arguments.failure(
                "the template has \(used) {} placeholder(s) but \(values.count) value(s) were given to fill them"
            )
        }
        return .string(String(output))
    }

    /// `States.StringSplit(string, delimiters)`: the string cut at every one of the delimiter characters, empty
    /// pieces dropped (so `",,a,"` split on `","` gives `["a"]`), like Java's `StringTokenizer`.
    static func stringSplit(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let text = try arguments.string(0)
        let delimiters = Set(try arguments.string(1).unicodeScalars)
        var pieces: [JSONValue] = []
        var current = String.UnicodeScalarView()
        // Unicode scalars, not Characters: "\r\n" is one Character but two delimiters.
        for scalar in text.unicodeScalars {
            if delimiters.contains(scalar) {
                if !current.isEmpty { pieces.append(.string(String(current))) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(.string(String(current))) }
        return .array(pieces)
    }

    /// How Step Functions' Java runtime prints a value with `toString()`: strings bare, numbers as Java prints them,
    /// arrays as `[a, b]` and objects as `{key=value, other=value}` (Java's List and Map formats, not JSON).
    static func javaText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return javaDouble(number)
        case .string(let text): return text
        case .array(let items): return "[" + items.map(javaText).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.entries.map { $0.key + "=" + javaText($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Java's `Double.toString`: plain notation with at least one decimal for magnitudes in [10⁻³, 10⁷), otherwise
    /// `d.dddE±n`, always with the shortest digits that read back as the same double.
    static func javaDouble(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        let sign = number < 0 ? "-" : ""
        let (digits, exponent) = shortestDigits(number.magnitude)
        let magnitude = number.magnitude
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if exponent <= 0 {
                return sign + "0." + String(repeating: "0", count: -exponent) + digits
            }
            if exponent >= digits.count {
                return sign + digits + String(repeating: "0", count: exponent - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: exponent)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let mantissa = digits.count == 1 ? digits + ".0" : String(digits.prefix(1)) + "." + digits.dropFirst()
        return sign + mantissa + "E" + String(exponent - 1)
    }

    /// The shortest round-tripping decimal digits of a positive finite double, with no leading or trailing zeros, and
    /// the exponent `e` such that the value is `0.digits × 10^e`. Swift's own printing already finds the shortest
    /// digits; this only takes its text apart.
    private static func shortestDigits(_ number: Double) -> (digits: String, exponent: Int) {
        let text = number.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let powerOfTen = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = ""
        var pointPosition = mantissa.count
        for (offset, character) in mantissa.enumerated() {
            if character == "." { pointPosition = offset } else { digits.append(character) }
        }
        var exponent = pointPosition + powerOfTen
        while digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, exponent)
    }
}
