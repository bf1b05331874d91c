/// `$fromMillis(ms, picture?, timezone?)` and `$toMillis(timestamp, picture?)` as jsonata-js 2.0.6 does them:
/// XPath F&O 3.1 format-dateTime pictures, UTC plus an optional fixed "±HHMM" offset.
package enum DateTimePicture {
    /// Formats `millis` (milliseconds since the epoch). A nil picture means jsonata-js's ISO 8601 picture, which
    /// prints "2017-11-07T15:07:54.972Z" in UTC and "…-05:00" with a timezone.
    package static func format(millis: Double, picture: String?, timezone: String?) throws(PictureError) -> String {
        let offset = Offset(timezone)
        let spec = try DateTimeSpec(picture: picture ?? DateTimeSpec.iso8601Picture)
        let date = CivilTime(millis: millis + offset.millis)
        var result = ""
        for part in spec.parts {
            switch part {
            case .literal(let text): result += text
            case .marker(let marker): result += try formatComponent(marker, date: date, offset: offset)
            }
        }
        return result
    }

    /// Parses `text`. With no picture it must be an ISO 8601 timestamp (else D3110); with one, it is read per the
    /// picture and components it leaves out before the first given one come from the epoch (use
    /// `parse(_:picture:now:)` to supply the evaluation's `$now()` as jsonata-js does). nil: undefined (no match,
    /// nothing captured, or a date JavaScript cannot represent).
    package static func parse(_ text: String, picture: String?) throws(PictureError) -> Double? {
        try parse(text, picture: picture, now: 0)
    }

    /// `parse` with the evaluation's timestamp (`$now()`, in millis), which fills in leading missing components.
    package static func parse(_ text: String, picture: String?, now: Double) throws(PictureError) -> Double? {
        guard let picture else { return try ISOTimestamp.parse(text) }
        let spec = try DateTimeSpec(picture: picture)
        return try DateTimeParser(spec: spec).parse(text, now: now)
    }

    /// jsonata-js reads the timezone with `parseInt` and splits it as hours = floor(n / 100), minutes = n % 100
    /// (so "-0530" becomes -6 hours and -30 minutes, as there). Unreadable text counts as UTC.
    struct Offset {
        var hours = 0.0
        var minutes = 0.0

        init(_ timezone: String?) {
            guard let timezone else { return }
            let value = IntegerPicture.parseInt(Array(timezone.unicodeScalars))
            guard value.isFinite else { return }
            hours = (value / 100).rounded(.down)
            minutes = value.truncatingRemainder(dividingBy: 100)
        }

        var millis: Double { (60 * hours + minutes) * 60_000 }
        var combined: Double { hours * 100 + minutes }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    /// Indexed by ISO day number (Monday 1 … Sunday 7).
    static let dayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// jsonata-js `formatComponent`.
    private static func formatComponent(
        _ marker: DateTimeSpec.Marker,
        date: CivilTime?,
        offset: Offset
    ) throws(PictureError) -> String {
        let fragment = DateTimeFragment.of(marker.component, in: date)
        let component = marker.component
        if marker.isOne(of: "YMDdFWwXxHhms"), case .number(var value) = fragment {
            if component == "Y", marker.yearDigits != -1 {
                value = value.truncatingRemainder(dividingBy: power10(marker.yearDigits))
            }
            if let names = marker.names { return try name(of: value, marker: marker, names: names) }
            return try integer(value, marker.integerFormat)
        }
        if component == "f", case .number(let value) = fragment {
            return try integer(value, marker.integerFormat)
        }
        if component == "Z" || component == "z" {
            return try timezone(marker, offset: offset)
        }
        switch fragment {
        case .text(let text): return component == "P" && marker.names == .upper ? text.uppercased() : text
        case .number(let value): return JavaScriptNumber.string(value)
        case .none: return "undefined"
        }
    }

    private static func integer(_ value: Double, _ format: IntegerFormat?) throws(PictureError) -> String {
        guard let format else { return JavaScriptNumber.string(value) }
        return try format.format(value)
    }

    private static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(exponent, 0) { result *= 10 }
        return result
    }

    /// Month and day names; any other component asked for by name is D3133.
    private static func name(
        of value: Double,
        marker: DateTimeSpec.Marker,
        names: IntegerFormat.LetterCase
    ) throws(PictureError) -> String {
        let table: [String]
        var index = Int(exactly: value) ?? -1
        switch marker.component {
        case "M", "x":
            table = monthNames
            index -= 1
        case "F": table = dayNames
        default: throw .make("D3133", quoting: marker.component)
        }
        guard table.indices.contains(index) else { return try missingName(marker: marker, names: names) }
        var text = table[index]
        if names == .upper {
            text = text.uppercased()
        } else if names == .lower {
            text = text.lowercased()
        }
        // JavaScript's substring(0, max): a negative width (`,*--3`) keeps nothing.
        if let maximum = marker.maxWidth, text.count > maximum { text = String(text.prefix(max(0, maximum))) }
        return text
    }

    /// A date JavaScript cannot represent has no month or day name: jsonata-js then calls a string method on
    /// `undefined` (a TypeError), except for title case without a width, which prints "undefined".
    private static func missingName(
        marker: DateTimeSpec.Marker,
        names: IntegerFormat.LetterCase
    ) throws(PictureError) -> String {
        let method: String
        switch names {
        case .upper: method = "toUpperCase"
        case .lower: method = "toLowerCase"
        case .title:
            guard marker.hasWidth else { return "undefined" }
            method = "length"
        }
        throw PictureError(code: "TypeError", message: "Cannot read properties of undefined (reading '\(method)')")
    }

    /// §9.8.4.6: `01:01` style (regular grouping) prints hours and minutes together, one or two digits print the
    /// hours (plus ":mm" when there are minutes), three or four digits print hhmm; `t` prints "Z" for UTC.
    private static func timezone(_ marker: DateTimeSpec.Marker, offset: Offset) throws(PictureError) -> String {
        guard let format = marker.integerFormat else { return "" }
        var text: String
        if format.isRegular {
            text = try format.format(offset.combined)
        } else {
            switch format.mandatoryDigits {
            case 1, 2:
                text = try format.format(offset.hours)
                if offset.minutes != 0 { text += ":" + (try IntegerPicture.format(offset.minutes, picture: "00")) }
            case 3, 4:
                text = try format.format(offset.combined)
            default:
                throw .make("D3134", value: String(format.mandatoryDigits))
            }
        }
        if offset.combined >= 0 { text = "+" + text }
        if marker.component == "z" { text = "GMT" + text }
        if offset.combined == 0 && marker.presentation2 == "t" { text = "Z" }
        return text
    }
}
