import SluiceVocabulary

/// The ETag S3 gives an object completed from parts: the MD5 of the parts' MD5 digests (the bytes, one after
/// another), then `-` and the number of parts, in quotes. Clients compare it to what they computed from the parts.
package enum MultipartETag {
    /// The ETag, quoted, of parts whose hex MD5s are `partMD5s` in part order; nil when one is not 32 hex digits.
    package static func of(partMD5s: [String]) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(partMD5s.count * 16)
        for hex in partMD5s {
            guard hex.utf8.count == 32, let digest = Hex.bytes(hex) else { return nil }
            bytes += digest
        }
        return "\"\(Hex.lowercase(MD5.digest(bytes)))-\(partMD5s.count)\""
    }

}
