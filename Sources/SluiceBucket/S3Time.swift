import SluiceLinux

/// Formats file times the way S3 prints them.
enum S3Time {
    /// `2022-11-16T00:29:32.000Z`: UTC, milliseconds, as ListObjectsV2 and S3 inventories write LastModified.
    static func iso8601(nanoseconds: Int64) -> String { UTCTime.iso8601(nanoseconds: nanoseconds) }
}
