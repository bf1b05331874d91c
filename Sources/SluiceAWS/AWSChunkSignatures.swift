import SluiceVocabulary

/// The chain of chunk signatures of a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` upload: each chunk is signed over the
/// previous signature (the request's own for the first) and its data's SHA-256, so no chunk can be changed, added,
/// dropped or reordered without the chain breaking.
package struct AWSChunkSignatures: Sendable {
    private static let emptyHash = Hex.lowercase(SHA256.digest([]))
    private let key: [UInt8]
    private let amzDate: String
    private let scope: String
    private var previous: String

    /// The chain that starts at `signed`'s signature, with the key derived from the request's secret.
    package init(key: [UInt8], signed: SignedRequest) {
        self.key = key
        amzDate = signed.amzDate
        scope = signed.scope
        previous = signed.signature
    }

    /// Whether `claimed` is the signature of the next chunk, whose data hashes to `dataHash`.
    package mutating func accept(dataHash: [UInt8], claimed: String?) -> Bool {
        let stringToSign = [
            "AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, previous, Self.emptyHash, Hex.lowercase(dataHash),
        ].joined(separator: "\n")
        let expected = Hex.lowercase(HMAC.sha256(key: key, message: stringToSign))
        guard let claimed, Array(claimed.utf8) == Array(expected.utf8) else { return false }
        previous = expected
        return true
    }
}
