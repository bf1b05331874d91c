import SluiceLinux

/// The clock and time format of S3's EventBridge events: UTC to the second, `2021-11-12T00:00:00Z`.
package enum EventTime {
    /// Seconds since the epoch, from the real-time clock.
    package static func nowSeconds() -> Int64 { UTCTime.nowSeconds() }

    /// `seconds` since the epoch as EventBridge writes the `time` field.
    package static func iso8601(seconds: Int64) -> String { UTCTime.iso8601(seconds: seconds) }
}
