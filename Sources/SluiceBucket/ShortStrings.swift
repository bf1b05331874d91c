/// Ready-made strings for fields of one or two ASCII bytes.
///
/// Such fields (digits, flags, country codes) are most of the cells of a typical CSV, and looking a string up here
/// costs a fraction of decoding it: strings this short live inline, so a copy is just 16 bytes.
enum ShortStrings {
    private static let one: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
    private static let two: [String] = (0..<(128 * 128)).map {
        String(UnicodeScalar(UInt8($0 >> 7))) + String(UnicodeScalar(UInt8($0 & 0x7f)))
    }

    /// The string for `count` bytes at `start`.
    @inline(__always)
    static func make(_ start: UnsafePointer<UInt8>, count: Int) -> String {
        if count == 1, start[0] < 0x80 { return one[Int(start[0])] }
        if count == 2, start[0] < 0x80, start[1] < 0x80 { return two[Int(start[0]) << 7 | Int(start[1])] }
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}
