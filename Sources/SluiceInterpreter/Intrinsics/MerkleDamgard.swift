/// The message padding MD5, SHA-1 and SHA-2 share: a 1 bit, zeros, then the message length in bits.
enum MerkleDamgard {
    /// `message` padded to a whole number of `blockSize`-byte blocks, the bit length in the last `lengthBytes` bytes.
    static func pad(_ message: [UInt8], blockSize: Int, lengthBytes: Int, bigEndian: Bool) -> [UInt8] {
        var padded = message
        padded.append(0x80)
        while padded.count % blockSize != blockSize - lengthBytes { padded.append(0) }
        // Inputs are far below 2⁶¹ bytes, so the bit length fits 64 bits; wider length fields get leading zeros.
        let bitLength = UInt64(message.count) &* 8
        var lengthField = [UInt8](repeating: 0, count: lengthBytes)
        for i in 0..<8 {
            let byte = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))
            if bigEndian { lengthField[lengthBytes - 1 - i] = byte } else { lengthField[i] = byte }
        }
        padded.append(contentsOf: lengthField)
        return padded
    }
}

extension FixedWidthInteger where Self: UnsignedInteger {
    /// Circular left shift, the basic mixing step of the MD and SHA families.
    func rotatedLeft(by amount: Self) -> Self {
        (self << amount) | (self >> (Self(Self.bitWidth) - amount))
    }

    /// Circular right shift, used by SHA-2.
    func rotatedRight(by amount: Self) -> Self {
        (self >> amount) | (self << (Self(Self.bitWidth) - amount))
    }
}
