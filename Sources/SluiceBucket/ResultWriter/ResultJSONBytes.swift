import SluiceJSON

/// The fixed parts of a result record appended to byte buffers: keys and punctuation, and integers, without a String
/// in between. Values and strings are written by SluiceJSON (`JSONValue.write(to:)`, `JSONValue.writeString`), so
/// result files print them exactly as every other document sluice writes.
enum ResultJSONBytes {
    /// Appends an integer in decimal.
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 20 digits hold any UInt64; filled from the end, then copied in order.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Appends ASCII text known at compile time.
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}
