/// Lambda request IDs: random (version 4) UUIDs in lowercase, as Lambda prints them.
///
/// Foundation's `UUID()` opens, reads and closes /dev/urandom for every one (3% of sluiced's time in the 227,000-row
/// run: one per batch). `SystemRandomNumberGenerator` draws from getrandom(2), one call and no file.
enum RequestID {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return format(high: generator.next(), low: generator.next())
    }

    /// The UUID whose bits are `high` then `low`, with the version (4) and variant (10) bits set, as 8-4-4-4-12
    /// lowercase hex digits.
    static func format(high: UInt64, low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            func put(_ word: UInt64, nibbles: ClosedRange<Int>) {
                for nibble in nibbles.reversed() {
                    if at == 8 || at == 13 || at == 18 || at == 23 {
                        buffer[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    buffer[at] = digits.utf8Start[Int((word >> UInt64(nibble * 4)) & 0xF)]
                    at += 1
                }
            }
            put(high, nibbles: 0...15)
            put(low, nibbles: 0...15)
            return at
        }
    }
}
