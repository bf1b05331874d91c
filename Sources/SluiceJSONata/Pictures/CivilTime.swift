/// A JavaScript time value broken down into its UTC calendar fields, as a `Date`'s `getUTC…` methods see it.
///
/// The calendar arithmetic is the proleptic Gregorian one of ECMA-262 (§21.4.1), done by hand with
/// days-from-civil / civil-from-days so no platform time library is involved.
struct CivilTime {
    static let millisPerDay: Int64 = 86_400_000

    /// Milliseconds since the epoch (already clipped and truncated, as `new Date(t)` does).
    let time: Int64
    let year: Int
    /// 0-based, as `getUTCMonth`.
    let month: Int
    /// 1-based day of the month.
    let day: Int
    let hours: Int
    let minutes: Int
    let seconds: Int
    let milliseconds: Int
    /// 0 = Sunday … 6 = Saturday, as `getUTCDay`.
    let weekday: Int

    /// `new Date(millis)`: nil where JavaScript would make an Invalid Date (NaN, infinite, beyond ±8.64e15 ms).
    init?(millis: Double) {
        guard let clipped = CivilTime.timeClip(millis) else { return nil }
        time = Int64(clipped)
        let days = Int(floorDivide(time, CivilTime.millisPerDay))
        let inDay = Int(time - Int64(days) * CivilTime.millisPerDay)
        let date = CivilTime.civilFromDays(days)
        year = date.year
        month = date.month - 1
        day = date.day
        hours = inDay / 3_600_000
        minutes = inDay / 60_000 % 60
        seconds = inDay / 1000 % 60
        milliseconds = inDay % 1000
        weekday = Int(floorModulo(Int64(days) + 4, 7))  // 1970-01-01 was a Thursday
    }

    /// ECMA-262 TimeClip: NaN outside ±8.64e15, otherwise truncated toward zero.
    static func timeClip(_ millis: Double) -> Double? {
        guard millis.isFinite, abs(millis) <= 8.64e15 else { return nil }
        return millis.rounded(.towardZero) + 0  // + 0 turns -0 into +0
    }

    /// `Date.UTC(year, month, day, hours, minutes, seconds, millis)` with JavaScript's quirks: fields overflow into
    /// their neighbours, years 0…99 mean 1900…1999, and any non-finite field (or an out-of-range result) is NaN.
    static func utc(
        year: Double,
        month: Double,
        day: Double = 1,
        hours: Double = 0,
        minutes: Double = 0,
        seconds: Double = 0,
        millis: Double = 0
    ) -> Double {
        let fields = [year, month, day, hours, minutes, seconds, millis]
        guard fields.allSatisfy({ $0.isFinite && abs($0) < 1e15 }) else { return .nan }
        var wholeYear = year.rounded(.towardZero)
        if wholeYear >= 0 && wholeYear <= 99 { wholeYear += 1900 }
        let wholeMonth = month.rounded(.towardZero)
        let yearsFromMonths = (wholeMonth / 12).rounded(.down)
        let monthInYear = wholeMonth - yearsFromMonths * 12
        let fullYear = wholeYear + yearsFromMonths
        guard abs(fullYear) < 1_000_000 else { return .nan }
        let firstOfMonth = Double(daysFromCivil(year: Int(fullYear), month: Int(monthInYear) + 1, day: 1))
        let dayNumber = firstOfMonth + day.rounded(.towardZero) - 1
        let timeOfDay =
            hours.rounded(.towardZero) * 3_600_000 + minutes.rounded(.towardZero) * 60_000
            + seconds.rounded(.towardZero) * 1000 + millis.rounded(.towardZero)
        return timeClip(dayNumber * 86_400_000 + timeOfDay) ?? .nan
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (month 1…12); H. Hinnant's days_from_civil.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year  // years start in March so the leap day comes last
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`: (year, month 1…12, day 1…31).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return value % divisor < 0 ? quotient - 1 : quotient
}

private func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
    let remainder = value % divisor
    return remainder < 0 ? remainder + divisor : remainder
}
