import SluiceVocabulary

/// The IMF-fixdate of HTTP `Date` headers: `Sun, 06 Nov 1994 08:49:37 GMT`.
package enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    package static func format(_ time: Timestamp) -> String {
        // The calendar fields come from the ISO form (`2024-05-01T12:00:00.123Z`), which Timestamp already computes.
        let iso = Array(time.iso8601().utf8)
        guard iso.count >= 19, let month = Int(String(decoding: iso[5..<7], as: UTF8.self)), (1...12).contains(month)
        else { return time.iso8601() }
        let days = time.epochSeconds >= 0 ? time.epochSeconds / 86_400 : (time.epochSeconds - 86_399) / 86_400
        // 1970-01-01 was a Thursday.
        let weekday = Int(((days % 7) + 7 + 4) % 7)
        let year = String(decoding: iso[0..<4], as: UTF8.self)
        let day = String(decoding: iso[8..<10], as: UTF8.self)
        let clock = String(decoding: iso[11..<19], as: UTF8.self)
        return "\(weekdays[weekday]), \(day) \(months[month - 1]) \(year) \(clock) GMT"
    }
}
