/// `$toMillis(timestamp)` without a picture: jsonata-js checks the text against its ISO 8601 regex
/// `^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$` (D3110 otherwise) and
/// hands it to `Date.parse`. Here the forms `Date.parse` reads are decoded directly: YYYY, YYYY-MM, YYYY-MM-DD,
/// each optionally followed by THH:mm:ss[.fff…] and Z or ±HH[:]mm. Times without an offset are taken as UTC (V8
/// uses local time there; jsonata's tests run in UTC).
enum ISOTimestamp {
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index >= scalars.count }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        func isDigit(_ offset: Int, in range: ClosedRange<Unicode.Scalar> = "0"..."9") -> Bool {
            peek(offset).map { range.contains($0) } ?? false
        }

        /// Reads `count` digits as a number (the caller checked they are digits).
        mutating func number(_ count: Int) -> Int {
            var value = 0
            for _ in 0..<count {
                value = value * 10 + Int(scalars[index].value - 48)
                index += 1
            }
            return value
        }
    }

    /// The fields found while checking the regex; every repeated group is kept so odd-but-valid text is known.
    private struct Fields {
        var year = 0
        var dateParts: [Int] = []
        var times: [(hours: Int, minutes: Int, seconds: Int)] = []
        var fraction: [Int]?
        var offsetMinutes: Int?
        /// "Z" rather than a numeric offset (V8 accepts it even without a time of day).
        var isZulu = false
    }

    static func parse(_ text: String) throws(PictureError) -> Double? {
        guard let fields = scan(Array(text.unicodeScalars)) else { throw .make("D3110", quoting: text) }
        return millis(fields)
    }

    /// Follows the regex; nil when the text does not match it.
    private static func scan(_ scalars: [Unicode.Scalar]) -> Fields? {
        var scanner = Scanner(scalars: scalars)
        var fields = Fields()
        guard (0..<4).allSatisfy({ scanner.isDigit($0) }) else { return nil }
        fields.year = scanner.number(4)
        // (-[01]\d)*(-[0-3]\d)* accepts any run of "-dd" whose first digits are 0…3.
        while scanner.peek() == "-", scanner.isDigit(1, in: "0"..."3"), scanner.isDigit(2) {
            scanner.index += 1
            fields.dateParts.append(scanner.number(2))
        }
        while scanner.peek() == "T", let time = scanTime(&scanner) { fields.times.append(time) }
        if scanner.peek() == ".", scanner.isDigit(1) {
            scanner.index += 1
            var digits: [Int] = []
            while scanner.isDigit(0) { digits.append(scanner.number(1)) }
            fields.fraction = digits
        }
        if !scanner.atEnd {
            fields.isZulu = scanner.peek() == "Z"
            guard let offset = scanOffset(&scanner) else { return nil }
            fields.offsetMinutes = offset
        }
        return scanner.atEnd ? fields : nil
    }

    /// T[0-2]\d:[0-5]\d:[0-5]\d
    private static func scanTime(_ scanner: inout Scanner) -> (hours: Int, minutes: Int, seconds: Int)? {
        guard scanner.isDigit(1, in: "0"..."2"), scanner.isDigit(2), scanner.peek(3) == ":",
            scanner.isDigit(4, in: "0"..."5"), scanner.isDigit(5), scanner.peek(6) == ":",
            scanner.isDigit(7, in: "0"..."5"), scanner.isDigit(8)
        else { return nil }
        scanner.index += 1
        let hours = scanner.number(2)
        scanner.index += 1
        let minutes = scanner.number(2)
        scanner.index += 1
        return (hours, minutes, scanner.number(2))
    }

    /// [+-][0-2]\d:?[0-5]\d|Z, as signed minutes.
    private static func scanOffset(_ scanner: inout Scanner) -> Int? {
        if scanner.peek() == "Z" {
            scanner.index += 1
            return 0
        }
        guard let sign = scanner.peek(), sign == "+" || sign == "-" else { return nil }
        guard scanner.isDigit(1, in: "0"..."2"), scanner.isDigit(2) else { return nil }
        let colon = scanner.peek(3) == ":" ? 1 : 0
        guard scanner.isDigit(3 + colon, in: "0"..."5"), scanner.isDigit(4 + colon) else { return nil }
        scanner.index += 1
        let hours = scanner.number(2)
        scanner.index += colon
        let minutes = scanner.number(2)
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }

    /// `Date.parse` (V8) of the matched text; nil (JavaScript NaN) for what it rejects. Besides the ISO forms, V8's
    /// fallback parser reads a date-only text with "Z", and a one- or two-digit ".n" after the year or month as the
    /// next date field ("2018.5" is May 2018), so those are decoded too.
    private static func millis(_ fields: Fields) -> Double? {
        guard fields.dateParts.count <= 2, fields.times.count <= 1 else { return nil }
        var dateParts = fields.dateParts
        var millis = 0
        if fields.times.isEmpty {
            if fields.offsetMinutes != nil && !fields.isZulu { return nil }
            if let fraction = fields.fraction {
                guard fraction.count <= 2, dateParts.count < 2 else { return nil }
                dateParts.append(fraction.reduce(0) { $0 * 10 + $1 })
            }
        } else {
            let fraction = fields.fraction ?? []
            millis = (0..<3).reduce(0) { $0 * 10 + ($1 < fraction.count ? fraction[$1] : 0) }
        }
        let month = dateParts.first ?? 1
        let day = dateParts.count > 1 ? dateParts[1] : 1
        // Days up to 31 are accepted in any month and roll over (Feb 30 is Mar 2), as V8 does.
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let time = fields.times.first ?? (0, 0, 0)
        guard time.minutes < 60, time.seconds < 60, abs(fields.offsetMinutes ?? 0) < 24 * 60 else { return nil }
        guard time.hours < 24 || (time.hours == 24 && time.minutes == 0 && time.seconds == 0 && millis == 0) else {
            return nil
        }
        let days = CivilTime.daysFromCivil(year: fields.year, month: month, day: day)
        let seconds = Double(days) * 86_400 + Double(time.hours * 3600 + time.minutes * 60 + time.seconds)
        let offset = Double(fields.offsetMinutes ?? 0) * 60_000
        return seconds * 1000 + Double(millis) - offset
    }
}
