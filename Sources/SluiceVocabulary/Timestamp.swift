/// An instant, as Step Functions reads and prints them: whole seconds since the Unix epoch plus a nanosecond part.
///
/// Parsing follows the grammar AWS names in its errors, "ISO-8601 extended offset date-time" (the Java
/// `ISO_OFFSET_DATE_TIME` form): `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+01:00`. Calendar fields are
/// checked strictly, so `2016-13-05T21:29:29Z` and `2016-02-30T00:00:00Z` are rejected.
package struct Timestamp: Comparable, Hashable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z; negative before the epoch.
    package let epochSeconds: Int64
    /// The fraction of the second, always in `0..<1_000_000_000` (so instants before the epoch count forwards).
    package let nanoseconds: Int32

    /// Builds an instant, carrying any nanoseconds outside `0..<1_000_000_000` into the seconds.
    package init(epochSeconds: Int64, nanoseconds: Int64 = 0) {
        let (carry, rest) = Self.floorDivMod(nanoseconds, Self.nanosPerSecond)
        self.epochSeconds = epochSeconds + carry
        self.nanoseconds = Int32(rest)
    }

    /// The instant `epochMilliseconds` milliseconds after the epoch.
    package init(epochMilliseconds: Int64) {
        let (seconds, millis) = Self.floorDivMod(epochMilliseconds, 1000)
        self.init(epochSeconds: seconds, nanoseconds: millis * 1_000_000)
    }

    /// Milliseconds since the epoch, rounded down (toward the past) like every clock Step Functions reports.
    package var epochMilliseconds: Int64 {
        epochSeconds * 1000 + Int64(nanoseconds / 1_000_000)
    }

    /// The instant `seconds` later (earlier when negative); saturates instead of trapping on absurd inputs.
    package func adding(seconds: Int) -> Timestamp {
        let (sum, overflow) = epochSeconds.addingReportingOverflow(Int64(seconds))
        if overflow { return Timestamp(epochSeconds: seconds < 0 ? .min : .max, nanoseconds: Int64(nanoseconds)) }
        return Timestamp(epochSeconds: sum, nanoseconds: Int64(nanoseconds))
    }

    /// The instant `seconds` later, to the nearest nanosecond; fractional delays come from retry backoff and
    /// jitter. Non-finite or absurdly large values saturate.
    package func adding(seconds: Double) -> Timestamp {
        // About 292 years of nanoseconds fit in Int64; anything beyond is no real delay, so clamp first.
        let limit = 9.0e9
        guard seconds.isFinite, abs(seconds) < limit else {
            let far = seconds < 0 ? -Int(limit) : Int(limit)
            return adding(seconds: seconds.isNaN ? 0 : far)
        }
        let whole = seconds.rounded(.down)
        let nanos = ((seconds - whole) * 1e9).rounded()
        let shifted = adding(seconds: Int(whole))
        return Timestamp(epochSeconds: shifted.epochSeconds, nanoseconds: Int64(shifted.nanoseconds) + Int64(nanos))
    }

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    static let nanosPerSecond: Int64 = 1_000_000_000

    /// Division rounding toward negative infinity, with a remainder that is never negative.
    static func floorDivMod(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}

// MARK: - Printing

extension Timestamp {
    /// UTC with exactly three fractional digits and a `Z`, the way Step Functions prints `$$.Execution.StartTime`,
    /// `$$.State.EnteredTime` and history timestamps: `2024-05-01T12:00:00.123Z`.
    package func iso8601() -> String {
        let (days, secondOfDay) = Self.floorDivMod(epochSeconds, 86_400)
        let (year, month, day) = CivilDate.fromDays(days)
        var out = ""
        out.reserveCapacity(24)
        Self.appendPadded(year, width: 4, to: &out)
        out.append("-")
        Self.appendPadded(Int64(month), width: 2, to: &out)
        out.append("-")
        Self.appendPadded(Int64(day), width: 2, to: &out)
        out.append("T")
        Self.appendPadded(secondOfDay / 3600, width: 2, to: &out)
        out.append(":")
        Self.appendPadded(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(":")
        Self.appendPadded(secondOfDay % 60, width: 2, to: &out)
        out.append(".")
        Self.appendPadded(Int64(nanoseconds / 1_000_000), width: 3, to: &out)
        out.append("Z")
        return out
    }

    private static func appendPadded(_ value: Int64, width: Int, to out: inout String) {
        if value < 0 { out.append("-") }
        let digits = String(value.magnitude)
        if digits.count < width { out.append(String(repeating: "0", count: width - digits.count)) }
        out.append(digits)
    }
}

// MARK: - Parsing

extension Timestamp {
    /// Reads an ISO-8601 extended offset date-time; nil for anything Step Functions would reject.
    ///
    /// Accepted, as Java's `ISO_OFFSET_DATE_TIME` accepts (AWS quotes that format in its error text):
    /// `yyyy-MM-dd'T'HH:mm[:ss[.f{1,9}]]` followed by `Z` or an offset `+HH[:MM[:SS]]` / `-HH[:MM[:SS]]`
    /// (at most 18 hours). `T` and `Z` may be lower case because that formatter parses case-insensitively.
    package static func parse(_ text: String) -> Timestamp? {
        var reader = DigitReader(bytes: Array(text.utf8))
        guard let year = reader.fixedDigits(4), reader.take(UInt8(ascii: "-")),
            let month = reader.fixedDigits(2), reader.take(UInt8(ascii: "-")),
            let day = reader.fixedDigits(2),
            reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")),
            let hour = reader.fixedDigits(2), reader.take(UInt8(ascii: ":")),
            let minute = reader.fixedDigits(2)
        else { return nil }

        var second: Int64 = 0
        var nanos: Int64 = 0
        if reader.take(UInt8(ascii: ":")) {
            guard let s = reader.fixedDigits(2) else { return nil }
            second = s
            if reader.take(UInt8(ascii: ".")) {
                guard let fraction = reader.fraction() else { return nil }
                nanos = fraction
            }
        }
        guard let offsetSeconds = reader.offset(), reader.atEnd else { return nil }

        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }

        let days = CivilDate.toDays(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return Timestamp(epochSeconds: local - offsetSeconds, nanoseconds: nanos)
    }
}

/// A cursor over ASCII bytes for the fixed-width fields of a timestamp.
private struct DigitReader {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    /// Consumes `byte` when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Exactly `count` ASCII digits.
    mutating func fixedDigits(_ count: Int) -> Int64? {
        guard position + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[position..<position + count] {
            guard let digit = Self.digit(byte) else { return nil }
            value = value * 10 + digit
        }
        position += count
        return value
    }

    /// One to nine digits after the decimal point, scaled to nanoseconds; a tenth digit makes the text invalid
    /// because nothing after the fraction may be a digit.
    mutating func fraction() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while position < bytes.count, let digit = Self.digit(bytes[position]) {
            guard count < 9 else { return nil }
            value = value * 10 + digit
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<9 { value *= 10 }
        return value
    }

    /// `Z` or `±HH[:MM[:SS]]`, as seconds east of UTC.
    mutating func offset() -> Int64? {
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return 0 }
        let sign: Int64
        if take(UInt8(ascii: "+")) {
            sign = 1
        } else if take(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = fixedDigits(2) else { return nil }
        var minutes: Int64 = 0
        var seconds: Int64 = 0
        if take(UInt8(ascii: ":")) {
            guard let m = fixedDigits(2) else { return nil }
            minutes = m
            if take(UInt8(ascii: ":")) {
                guard let s = fixedDigits(2) else { return nil }
                seconds = s
            }
        }
        let total = hours * 3600 + minutes * 60 + seconds
        guard hours <= 18, minutes <= 59, seconds <= 59, total <= 18 * 3600 else { return nil }
        return sign * total
    }

    static func digit(_ byte: UInt8) -> Int64? {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        return Int64(byte - UInt8(ascii: "0"))
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (day 0 is 1970-01-01).
private enum CivilDate {
    static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Counts days with March as the first month of the year so the leap day falls last, which turns the
    /// month lengths into a simple linear formula; eras of 400 years repeat exactly.
    static func toDays(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        // 719_468 days separate 0000-03-01, the start of era 0, from 1970-01-01.
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `toDays`.
    static func fromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
