/// How a fuzz input is cut into the several inputs some targets take.
enum FuzzInput {
    /// The input split at its first `count - 1` NUL bytes, as UTF-8 text (invalid sequences repaired, as the
    /// daemon's readers repair them); missing parts are empty.
    static func parts(_ input: [UInt8], _ count: Int) -> [String] {
        var pieces = input.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        while pieces.count < count { pieces.append("") }
        return pieces
    }

    static func text(_ input: [UInt8]) -> String { String(decoding: input, as: UTF8.self) }
}
