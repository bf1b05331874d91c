/// The value of one date/time component of a UTC time (jsonata-js `getDateTimeFragment`), including jsonata's
/// ISO-week extensions `X` (week-numbering year) and `x` (week-numbering month).
enum DateTimeFragment {
    case number(Double)
    case text(String)
    /// A component jsonata-js has no value for (it prints as "undefined").
    case none

    private static let millisPerDay = 86_400_000.0

    /// `date` nil stands for JavaScript's Invalid Date, whose numeric fields are all NaN.
    static func of(_ component: String, in date: CivilTime?) -> DateTimeFragment {
        switch component {
        case "C", "E": return .text("ISO")  // calendar and era
        case "Z", "z": return .none  // the time is always UTC; the offset is applied by the caller
        default: break
        }
        guard let date else {
            if component == "P" { return .text("am") }
            return component.count == 1 && "YMDdFWwXxHhmsf".contains(component.first ?? " ") ? .number(.nan) : .none
        }
        switch component {
        case "Y": return .number(Double(date.year))
        case "M": return .number(Double(date.month + 1))
        case "D": return .number(Double(date.day))
        case "d": return .number(dayOfYear(date))
        case "F": return .number(Double(date.weekday == 0 ? 7 : date.weekday))  // ISO: Monday 1 … Sunday 7
        case "W": return .number(weekOfYear(date))
        case "w": return .number(weekOfMonth(date))
        case "X": return .number(Double(weekYear(date)))
        case "x": return .number(Double(weekMonth(date)))
        case "H": return .number(Double(date.hours))
        case "h": return .number(Double(date.hours % 12 == 0 ? 12 : date.hours % 12))
        case "P": return .text(date.hours >= 12 ? "pm" : "am")
        case "m": return .number(Double(date.minutes))
        case "s": return .number(Double(date.seconds))
        case "f": return .number(Double(date.milliseconds))
        default: return .none
        }
    }

    private static func dayOfYear(_ date: CivilTime) -> Double {
        let today = midnight(date)
        let firstJanuary = CivilTime.utc(year: Double(date.year), month: 0)
        return (today - firstJanuary) / millisPerDay + 1
    }

    /// Midnight (UTC) of the date's day, via Date.UTC as jsonata-js computes it.
    private static func midnight(_ date: CivilTime) -> Double {
        CivilTime.utc(year: Double(date.year), month: Double(date.month), day: Double(date.day))
    }

    /// ISO 8601: week 1 is the week (Monday first) holding the first Thursday; XPath applies the same rule to
    /// months. Returns the millis of that week's Monday.
    private static func startOfFirstWeek(year: Int, month: Int) -> Double {
        let first = CivilTime.utc(year: Double(year), month: Double(month))
        var weekday = CivilTime(millis: first)?.weekday ?? 0
        if weekday == 0 { weekday = 7 }
        // If the 1st is a Friday, Saturday or Sunday, week 1 starts on the following Monday.
        return weekday > 4
            ? first + Double(8 - weekday) * millisPerDay : first - Double(weekday - 1) * millisPerDay
    }

    private static func deltaWeeks(_ start: Double, _ end: Double) -> Double {
        (end - start) / (millisPerDay * 7) + 1
    }

    private static func weekOfYear(_ date: CivilTime) -> Double {
        let today = midnight(date)
        var week = deltaWeeks(startOfFirstWeek(year: date.year, month: 0), today)
        if week > 52 {
            // Late December may already be week 1 of the next year.
            if today >= startOfFirstWeek(year: date.year + 1, month: 0) { week = 1 }
        } else if week < 1 {
            week = deltaWeeks(startOfFirstWeek(year: date.year - 1, month: 0), today)
        }
        return week.rounded(.down)
    }

    private static func weekOfMonth(_ date: CivilTime) -> Double {
        let today = midnight(date)
        var week = deltaWeeks(startOfFirstWeek(year: date.year, month: date.month), today)
        if week > 4 {
            let next = nextMonth(date.year, date.month)
            if today >= startOfFirstWeek(year: next.year, month: next.month) { week = 1 }
        } else if week < 1 {
            let previous = previousMonth(date.year, date.month)
            week = deltaWeeks(startOfFirstWeek(year: previous.year, month: previous.month), today)
        }
        return week.rounded(.down)
    }

    private static func weekYear(_ date: CivilTime) -> Int {
        let now = Double(date.time)
        if now < startOfFirstWeek(year: date.year, month: 0) { return date.year - 1 }
        if now >= startOfFirstWeek(year: date.year + 1, month: 0) { return date.year + 1 }
        return date.year
    }

    /// 1-based month the date's week-of-month belongs to.
    private static func weekMonth(_ date: CivilTime) -> Int {
        let now = Double(date.time)
        let next = nextMonth(date.year, date.month)
        if now < startOfFirstWeek(year: date.year, month: date.month) {
            return previousMonth(date.year, date.month).month + 1
        }
        if now >= startOfFirstWeek(year: next.year, month: next.month) { return next.month + 1 }
        return date.month + 1
    }

    private static func nextMonth(_ year: Int, _ month: Int) -> (year: Int, month: Int) {
        month == 11 ? (year + 1, 0) : (year, month + 1)
    }

    private static func previousMonth(_ year: Int, _ month: Int) -> (year: Int, month: Int) {
        month == 0 ? (year - 1, 11) : (year, month - 1)
    }
}
