import SluiceASL
import SluiceJSON

extension IntrinsicEvaluator {
    /// `States.Base64Encode` and `States.Base64Decode` refuse inputs longer than this many characters.
    static let maximumEncodingInputLength = 10_000

    /// `States.Base64Encode(string)`: the UTF-8 bytes of the string in standard Base64 with padding.
    static func base64Encode(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let text = try arguments.string(0)
        try checkEncodingLength(text, arguments)
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(string)`: the decoded bytes read as UTF-8 (invalid sequences become U+FFFD, as Java's
    /// `new String(bytes, UTF_8)` does).
    static func base64Decode(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let text = try arguments.string(0)
        try checkEncodingLength(text, arguments)
        guard let bytes = Base64.decode(text) else {
            throw arguments.failure("the string is not valid Base64: \(excerpt(.string(text)))")
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// Lengths count UTF-16 code units, the way Java measures a string's characters.
    private static func checkEncodingLength(_ text: String, _ arguments: Arguments) throws(StatesError) {
        let length = text.utf16.count
        guard length <= maximumEncodingInputLength else {
            throw arguments.failure(
                "the input is \(length) characters long; the maximum is \(maximumEncodingInputLength) characters"
            )
        }
    }
}
