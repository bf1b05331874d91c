/// A MessageId that is the same every time for the same publishing step, so a Publish that runs again after a
/// restart (its result was not journaled before sluiced died) stores and delivers nothing new.
package enum StableMessageId {
    /// A UUID-shaped identifier from `key` (two FNV-1a hashes; unique enough for message ids, not a secret).
    package static func make(_ key: String) -> String {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x84222325_cbf29ce4
        for byte in key.utf8 {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            low = (low << 7) | (low >> 57)
        }
        // Version 5 and the RFC 4122 variant bits, so it reads as the name-based UUID it is.
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_5000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        func hex(_ v: UInt64, _ digits: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s
        }
        let h = hex(high, 16)
        let l = hex(low, 16)
        return "\(h.prefix(8))-\(h.dropFirst(8).prefix(4))-\(h.suffix(4))-\(l.prefix(4))-\(l.suffix(12))"
    }
}
