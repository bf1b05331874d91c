import SluiceVocabulary

/// The ETag S3 gives an object completed from parts: the MD5 of the parts' MD5 digests (the bytes, one after
/// another), then `-` and the number of parts, in quotes. Clients compare it to what they computed from the parts.
package enum MultipartETag {
    /// The ETag, quoted, of parts whose hex MD5s are `partMD5s` in part order; nil when one is not 32 hex digits.
    package static func of(partMD5s: [String]) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(partMD5s.count * 16)
        for hex in partMD5s {
            let digits = Array(hex.utf8)
            guard digits.count == 32 else { return nil }
            for i in stride(from: 0, to: 32, by: 2) {
                guard let high = value(digits[i]), let low = value(digits[i + 1]) else { return nil }
                bytes.append(high << 4 | low)
            }
        }
        return "\"\(Hex.lowercase(MD5.digest(bytes)))-\(partMD5s.count)\""
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
