/// Finds the bytes a JSON string literal must escape (control characters, `"` and `\`) eight at a time: most
/// strings have none, and the serializer and the size walk check every string of every payload.
enum JSONEscaping {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `bytes` needs an escape.
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Per byte: below 0x20, or equal to 0x22 / 0x5C (a zero byte after the XOR). The borrow trick can
            // misreport bytes above a real match, never without one, so "any" is exact.
            let control = (word &- ones &* 0x20) & ~word
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let found = control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
            if found & highs != 0 { return true }
            i += 8
        }
        while i < count {
            let b = base[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return true }
            i += 1
        }
        return false
    }
}

extension JSONValue {
    /// Whether UTF-8 `bytes` hold anything a JSON string literal escapes (control characters, `"`, `\`).
    package static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        JSONEscaping.needsEscaping(bytes)
    }
}
