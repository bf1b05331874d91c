#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// UTC times as AWS writes them: `2021-11-12T00:00:00Z` (EventBridge's `time`), `2022-11-16T00:29:32.000Z` (S3's
/// LastModified, with milliseconds).
package enum UTCTime {
    /// The real-time clock, in seconds since the epoch.
    package static func nowSeconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }

    /// `seconds` since the epoch, with `milliseconds` when given.
    package static func iso8601(seconds: Int64, milliseconds: Int? = nil) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let date = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
        let clock = "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
        return date + "T" + clock + (milliseconds.map { "." + pad($0, 3) } ?? "") + "Z"
    }

    /// Nanoseconds since the epoch (a file time) with milliseconds; times before 1970 split toward minus infinity,
    /// so the rest is never negative.
    package static func iso8601(nanoseconds: Int64) -> String {
        let (q, r) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let seconds = r < 0 ? q - 1 : q
        let rest = r < 0 ? r + 1_000_000_000 : r
        return iso8601(seconds: seconds, milliseconds: Int(rest / 1_000_000))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
