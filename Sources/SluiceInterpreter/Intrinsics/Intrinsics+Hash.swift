import SluiceASL
import SluiceJSON
import SluiceVocabulary

extension IntrinsicEvaluator {
    /// `States.Hash` refuses data longer than this many characters.
    static let maximumHashInputLength = 10_000

    /// The algorithm names `States.Hash` accepts, exactly as written (case matters).
    static let hashAlgorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"]

    /// `States.Hash(data, algorithm)`: the lowercase hexadecimal digest of the data's UTF-8 bytes.
    static func hash(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let data = try arguments.string(0)
        let algorithm = try arguments.string(1)
        let length = data.utf16.count
        guard length <= maximumHashInputLength else {
            throw arguments.failure(
                "the input data is \(length) characters long; the maximum is \(maximumHashInputLength) characters"
            )
        }
        let bytes = Array(data.utf8)
        let digest: [UInt8]
        switch algorithm {
        case "MD5": digest = MD5.digest(bytes)
        case "SHA-1": digest = SHA1.digest(bytes)
        case "SHA-256": digest = SHA256.digest(bytes)
        case "SHA-384": digest = SHA2.sha384(bytes)
        case "SHA-512": digest = SHA2.sha512(bytes)
        default:
            throw arguments.failure(
                "'\(algorithm)' is not a supported hash algorithm; use one of "
                    + hashAlgorithms.joined(separator: ", ")
            )
        }
        return .string(hexadecimal(digest))
    }

    static func hexadecimal(_ bytes: [UInt8]) -> String { Hex.lowercase(bytes) }
}
