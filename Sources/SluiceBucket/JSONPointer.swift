/// An RFC 6901 JSON Pointer, the syntax of ReaderConfig.ItemsPointer (`/inventory/products/featured`).
struct JSONPointer: Equatable, CustomStringConvertible {
    /// The reference tokens, unescaped (`~1` is "/", `~0` is "~").
    var tokens: [String]
    var description: String

    init(parsing text: String) throws(ItemReaderError) {
        description = text
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw .config("ReaderConfig.ItemsPointer must be a JSON Pointer starting with \"/\", not \"\(text)\"")
        }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let c = iterator.next() {
                guard c == "~" else {
                    token.append(c)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw .config("ReaderConfig.ItemsPointer \"\(text)\": \"~\" must be followed by 0 or 1")
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The array index a token names: digits without leading zeros.
    static func index(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            token == "0" || !token.hasPrefix("0")
        else { return nil }
        return Int(token)
    }

    /// The pointer text for some leading tokens, for messages ("the top level" for none).
    static func describe(_ tokens: some Sequence<String>) -> String {
        let text = tokens.map { "/" + $0.replacingOccurrences("~", "~0").replacingOccurrences("/", "~1") }.joined()
        return text.isEmpty ? "the top level" : "\"\(text)\""
    }
}

extension String {
    /// Foundation-free replacement, enough for escaping pointer tokens.
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for c in self {
            if c == target { result += replacement } else { result.append(c) }
        }
        return result
    }
}
