/// The component values read from a timestamp, and jsonata-js's rules for turning them into epoch millis.
///
/// The date must be one of {Y M D}, {Y d}, {X x w F}, {X W F} and the time one of {H m s f}, {P h m s f};
/// components missing before the first given one come from `$now()`, those after the last given one are zero
/// (one for month and day), and a gap in between is D3136.
struct DateTimeComponents {
    private var values: [String: Double] = [:]
    /// jsonata-js returns undefined only when no component key was set at all (even to undefined).
    private(set) var anyCaptured = false

    /// Records a component; nil (a name that was not recognised) unsets it, like assigning `undefined`.
    mutating func set(_ component: String, _ value: Double?) {
        anyCaptured = true
        values[component] = value
    }

    /// JavaScript truthiness of a component: present, non-zero and not NaN.
    private func isTruthy(_ component: Character) -> Bool {
        guard let value = values[String(component)] else { return false }
        return value != 0 && !value.isNaN
    }

    /// One bit per component, first component most significant.
    private func mask(_ components: String) -> Int {
        components.reduce(0) { $0 << 1 | (isTruthy($1) ? 1 : 0) }
    }

    /// "Shouldn't match any 0's, must match at least one 1."
    private static func isType(_ type: Int, _ mask: Int) -> Bool {
        ~type & mask == 0 && type & mask != 0
    }

    mutating func compose(now: CivilTime?) throws(PictureError) -> Double {
        let dateMask = mask("YXMxWwdD")
        let dateA = Self.isType(0b1010_0001, dateMask)
        let dateB = !dateA && Self.isType(0b1000_0010, dateMask)
        let dateC = Self.isType(0b0101_0100, dateMask)
        let dateD = !dateC && Self.isType(0b0100_1000, dateMask)
        let timeMask = mask("PHhmsf")
        let timeA = Self.isType(0b01_0111, timeMask)
        let timeB = !timeA && Self.isType(0b10_1111, timeMask)

        let dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
        try fillGaps(dateComponents + (timeB ? "Phmsf" : "Hmsf"), now: now)

        let month = values["M", default: .nan]
        values["M"] = month > 0 ? month - 1 : 0  // Date.UTC months are 0-based
        if dateB { deriveMonthAndDay() }
        if dateC || dateD { throw .make("D3136") }  // week-based dates are not supported by jsonata-js either
        if timeB {
            let hour = values["h", default: .nan]
            values["H"] = (hour == 12 ? 0 : hour) + (values["P"] == 1 ? 12 : 0)
        }
        var millis = CivilTime.utc(
            year: value("Y"),
            month: value("M"),
            day: value("D"),
            hours: value("H"),
            minutes: value("m"),
            seconds: value("s"),
            millis: value("f")
        )
        let zone = isTruthy("Z") ? value("Z") : value("z")
        if isTruthy("Z") || isTruthy("z") { millis -= zone * 60_000 }
        return millis
    }

    private func value(_ component: String) -> Double {
        values[component] ?? .nan
    }

    /// Walks most to least significant: before the first given component take `now`'s value, after the last one
    /// take the zero value; a missing component between given ones is D3136.
    private mutating func fillGaps(_ order: String, now: CivilTime?) throws(PictureError) {
        var startSpecified = false
        var endSpecified = false
        for character in order {
            let component = String(character)
            if values[component] == nil {
                if startSpecified {
                    values[component] = "MDd".contains(character) ? 1 : 0
                    endSpecified = true
                } else {
                    values[component] = Self.current(component, now: now)
                }
            } else {
                startSpecified = true
                if endSpecified { throw .make("D3136") }
            }
        }
    }

    /// A component of `$now()`; am/pm comes back as text there, which never equals 1 (pm) in jsonata-js.
    private static func current(_ component: String, now: CivilTime?) -> Double {
        switch DateTimeFragment.of(component, in: now) {
        case .number(let value): return value
        case .text, .none: return -1
        }
    }

    /// {Y d}: the day of the year becomes a month and day.
    private mutating func deriveMonthAndDay() {
        let firstJanuary = CivilTime.utc(year: value("Y"), month: 0)
        let derived = CivilTime(millis: firstJanuary + (value("d") - 1) * 86_400_000)
        values["M"] = derived.map { Double($0.month) } ?? .nan
        values["D"] = derived.map { Double($0.day) } ?? .nan
    }
}
