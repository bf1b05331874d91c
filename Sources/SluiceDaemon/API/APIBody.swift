import SluiceAWS

/// A request's body as a service sees it: bytes in memory, or an object upload already on disk (spooled as it
/// arrived, with its digests, so that a large upload never sits in memory).
enum APIBody: Sendable {
    case bytes([UInt8])
    case upload(SpooledUpload)

    /// The bytes of a body held in memory; an upload's are not read back.
    var bytes: [UInt8] {
        if case .bytes(let bytes) = self { return bytes }
        return []
    }
}
