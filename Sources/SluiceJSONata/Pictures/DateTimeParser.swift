/// Reads a timestamp with a date/time picture (jsonata-js `parseDateTime`): match the text, read each captured
/// component, check the components form a usable date and time, default the rest, and compose with Date.UTC.
struct DateTimeParser {
    /// How a captured piece of text becomes a component value.
    private enum Reader {
        case integer(IntegerFormat)
        case timezone(gmt: Bool, separator: String?)
        case name([String: Double])
    }

    private struct Field {
        var component: String
        var reader: Reader
    }

    private var matcher = PictureMatcher(patterns: [])
    /// Per pattern: the component it sets, nil for literal text.
    private var fields: [Field?] = []

    /// jsonata-js `generateRegex` for a date/time picture; D3130 / D3133 are raised here, before any matching.
    init(spec: DateTimeSpec) throws(PictureError) {
        for part in spec.parts {
            switch part {
            case .literal(let text):
                matcher.patterns.append(.literal(Array(text.unicodeScalars)))
                fields.append(nil)
            case .marker(let marker):
                let (pattern, reader) = try Self.pattern(for: marker)
                matcher.patterns.append(pattern)
                fields.append(Field(component: marker.component, reader: reader))
            }
        }
    }

    private static func pattern(for marker: DateTimeSpec.Marker) throws(PictureError) -> (
        PictureMatcher.Pattern, Reader
    ) {
        if marker.component == "Z" || marker.component == "z", let format = marker.integerFormat {
            let separator = format.regularSeparator
            let gmt = marker.component == "z"
            return (
                .timezone(gmt: gmt, separator: separator?.unicodeScalars.first),
                .timezone(gmt: gmt, separator: separator)
            )
        }
        if let format = marker.integerFormat {
            return (try integerPattern(format), .integer(format))
        }
        return (.letters, .name(try nameTable(for: marker)))
    }

    private static func integerPattern(_ format: IntegerFormat) throws(PictureError) -> PictureMatcher.Pattern {
        switch format.primary {
        case .letters: return .letters
        case .roman: return .roman
        case .words: return .words
        case .decimal: return .digits(exactly: format.parseWidth, ordinal: format.ordinal)
        case .sequence: throw .make("D3130", quoting: format.token)
        }
    }

    /// Month, day and am/pm names (truncated to the maximum width when there is one); names of anything else
    /// are D3133. Lookups are case-sensitive, as in jsonata-js.
    private static func nameTable(for marker: DateTimeSpec.Marker) throws(PictureError) -> [String: Double] {
        var names: [(String, Double)]
        switch marker.component {
        case "M", "x": names = DateTimePicture.monthNames.enumerated().map { ($1, Double($0 + 1)) }
        case "F": names = DateTimePicture.dayNames.enumerated().dropFirst().map { ($1, Double($0)) }
        case "P": return ["am": 0, "AM": 0, "pm": 1, "PM": 1]
        default: throw .make("D3133", quoting: marker.component)
        }
        if let maximum = marker.maxWidth, maximum != 0 {
            // JavaScript's substring(0, max): a negative width (`,*--3`) keeps nothing.
            names = names.map { (String($0.0.prefix(Swift.max(0, maximum))), $0.1) }
        }
        var table: [String: Double] = [:]
        for (name, value) in names { table[name] = value }
        return table
    }

    /// The millis, or nil for undefined (no match, no component captured, or an unrepresentable date).
    func parse(_ text: String, now: Double) throws(PictureError) -> Double? {
        let scalars = Array(text.unicodeScalars)
        guard let captures = matcher.match(scalars) else { return nil }
        var components = DateTimeComponents()
        for (field, range) in zip(fields, captures) {
            guard let field else { continue }
            let captured = String(String.UnicodeScalarView(scalars[range]))
            components.set(field.component, try read(captured, with: field.reader))
        }
        guard components.anyCaptured else { return nil }
        let millis = try components.compose(now: CivilTime(millis: now))
        return millis.isNaN ? nil : millis
    }

    private func read(_ text: String, with reader: Reader) throws(PictureError) -> Double? {
        switch reader {
        case .integer(let format):
            return try IntegerPicture.value(of: text, format: format)
        case .name(let table):
            return table[text]
        case .timezone(let gmt, let separator):
            return Self.offsetMinutes(gmt ? String(text.unicodeScalars.dropFirst(3)) : text, separator: separator)
        }
    }

    /// jsonata-js's timezone reader: "+hh:mm" with the separator, otherwise "+h", "+hh" or "+hhmm"; minutes are
    /// added with the sign they have in the text (so "-0530" reads as -300 + 30, as there).
    private static func offsetMinutes(_ text: String, separator: String?) -> Double {
        let scalars = Array(text.unicodeScalars)
        var hours = 0.0
        var minutes = 0.0
        if let separator, let mark = scalars.firstIndex(where: { String($0) == separator }) {
            hours = IntegerPicture.parseInt(Array(scalars[..<mark]))
            minutes = IntegerPicture.parseInt(Array(scalars[(mark + 1)...]))
        } else if scalars.count - 1 <= 2 {
            hours = IntegerPicture.parseInt(scalars)
        } else {
            hours = IntegerPicture.parseInt(Array(scalars.prefix(3)))
            minutes = IntegerPicture.parseInt(Array(scalars.dropFirst(3)))
        }
        return hours * 60 + minutes
    }
}
