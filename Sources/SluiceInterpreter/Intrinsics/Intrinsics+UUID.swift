import SluiceASL
import SluiceJSON

extension IntrinsicEvaluator {
    /// `States.UUID()`: a version 4 (random) UUID in lowercase 8-4-4-4-12 form, drawn from the execution's generator
    /// so a replayed execution produces the same identifiers.
    static func uuid<R: RandomNumberGenerator>(random: inout R) -> JSONValue {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = random.next()
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let hex = hexadecimal(bytes)
        var text = ""
        for (offset, character) in hex.enumerated() {
            if offset == 8 || offset == 12 || offset == 16 || offset == 20 { text.append("-") }
            text.append(character)
        }
        return .string(text)
    }
}
