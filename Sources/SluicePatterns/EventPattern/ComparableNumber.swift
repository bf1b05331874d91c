import SluiceJSON

/// A number the way EventBridge compares numbers: an exact count of millionths between -5.0e11 and +5.0e11.
///
/// event-ruler turns every number it compares into this form (its `ComparableNumber`), reading the decimal text
/// exactly rather than as a binary double. A number with more than six significant decimals, or outside the range,
/// has no comparable form: in a pattern it is an error, in an event it simply never matches a numeric operator.
package struct ComparableNumber: Hashable, Comparable, Sendable {
    /// The value times one million, exactly.
    package let micros: Int64

    /// The largest magnitude, in millionths (5.0e11 × 1e6).
    package static let limit: Int64 = 500_000_000_000_000_000

    /// Why a number has no comparable form.
    package enum Failure: Error, Sendable {
        case tooManyDecimals
        case outOfRange

        /// event-ruler's message, which EventBridge passes on as the reason a pattern is invalid.
        package var message: String {
            switch self {
            case .tooManyDecimals: "Only values upto 6 decimals are supported"
            case .outOfRange: "Value must be between -5.0E11 and 5.0E11, inclusive"
            }
        }
    }

    /// A number from its count of millionths.
    package init(micros: Int64) {
        self.micros = micros
    }

    /// Reads JSON number text (`-12.5e3`) exactly, as `BigDecimal` would: trailing zeros do not count as decimals.
    package init(text: String) throws(Failure) {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var inFraction = false
        var bytes = text.utf8.makeIterator()
        var pending = bytes.next()
        if pending == UInt8(ascii: "-") {
            negative = true
            pending = bytes.next()
        } else if pending == UInt8(ascii: "+") {
            pending = bytes.next()
        }
        while let byte = pending {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // Leading zeros carry no value; skipping them keeps the digit count meaningful.
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
                if inFraction { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Self.readExponent(&bytes)
                break
            } else {
                break
            }
            pending = bytes.next()
        }
        // value = digits × 10^(-scale)
        var scale = fractionDigits - exponent
        while let last = digits.last, last == 0 {
            digits.removeLast()
            scale -= 1
        }
        if digits.isEmpty {
            micros = 0
            return
        }
        guard scale <= 6 else { throw .tooManyDecimals }
        let shift = 6 - scale
        // More than 19 digits cannot fit in an Int64 (BigDecimal.longValueExact fails the same way).
        guard digits.count + shift <= 19 else { throw .outOfRange }
        var value: Int64 = 0
        for digit in digits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { throw .outOfRange }
            value = sum
        }
        for _ in 0..<shift {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .outOfRange }
            value = times10
        }
        guard value <= Self.limit else { throw .outOfRange }
        micros = negative ? -value : value
    }

    /// The comparable form of an event's number, or nil when EventBridge would not treat it as a number.
    package init?(_ value: JSONValue) {
        switch value {
        case .int(let i):
            guard i.magnitude <= 500_000_000_000 else { return nil }
            micros = Int64(i) * 1_000_000
        case .double(let d):
            guard d.isFinite else { return nil }
            // The shortest text that reads back as this double is the best stand-in for the event's own text.
            guard let number = try? ComparableNumber(text: d.description) else { return nil }
            self = number
        default:
            return nil
        }
    }

    /// Numeric order.
    package static func < (lhs: ComparableNumber, rhs: ComparableNumber) -> Bool { lhs.micros < rhs.micros }

    private static func readExponent(_ bytes: inout String.UTF8View.Iterator) -> Int {
        var negative = false
        var value = 0
        var pending = bytes.next()
        if pending == UInt8(ascii: "-") || pending == UInt8(ascii: "+") {
            negative = pending == UInt8(ascii: "-")
            pending = bytes.next()
        }
        while let byte = pending, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            // Saturate: any exponent this large already decides the outcome (too many decimals or out of range).
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
            pending = bytes.next()
        }
        return negative ? -value : value
    }
}
