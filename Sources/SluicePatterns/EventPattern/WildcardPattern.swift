/// A `wildcard` operand: `*` matches any run of bytes (including none), `\*` is a literal star and `\\` a literal
/// backslash. Matching works on UTF-8 bytes, as event-ruler's byte machine does.
package struct WildcardPattern: Hashable, Sendable {
    /// The literal runs between stars; a pattern with n stars has n + 1 runs (some may be empty).
    package let segments: [[UInt8]]

    /// Why a wildcard operand is refused, with event-ruler's message.
    package struct SyntaxError: Error, Sendable {
        /// The reason, as AWS words it.
        package let message: String
    }

    /// Parses an operand. Positions in errors count UTF-8 bytes of the operand as event-ruler sees it: wrapped in
    /// JSON quotes, so the first character of the operand is at position 1.
    package init(_ operand: String) throws(SyntaxError) {
        let bytes = Array(operand.utf8)
        var segments: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "*") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                    throw SyntaxError(message: "Consecutive wildcard characters at pos \(i + 1)")
                }
                segments.append([])
            } else if byte == UInt8(ascii: "\\") {
                // The closing quote event-ruler appends is what follows a trailing backslash, hence the error.
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") || bytes[i + 1] == UInt8(ascii: "\\")
                else {
                    throw SyntaxError(message: "Invalid escape character at pos \(i + 1)")
                }
                segments[segments.count - 1].append(bytes[i + 1])
                i += 1
            } else {
                segments[segments.count - 1].append(byte)
            }
            i += 1
        }
        self.segments = segments
    }

    /// The operand as a sequence of byte tokens, nil standing for a star (used to measure complexity).
    package var tokens: [UInt8?] {
        var result: [UInt8?] = []
        for (n, segment) in segments.enumerated() {
            if n > 0 { result.append(nil) }
            result.append(contentsOf: segment.map { Optional($0) })
        }
        return result
    }

    /// Whether the whole of `value` matches.
    package func matches(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { matches(bytes: $0) }
    }

    /// Whether the whole of `bytes` matches: the first run anchors at the start, the last at the end, and the runs
    /// between are found leftmost-first, which is exact when the only metacharacter is `*`.
    package func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard segments.count > 1 else { return bytes.elementsEqual(segments[0]) }
        let first = segments[0]
        let last = segments[segments.count - 1]
        guard bytes.count >= first.count + last.count else { return false }
        guard bytes.starts(with: first), bytes[(bytes.count - last.count)...].elementsEqual(last) else { return false }
        var position = first.count
        let end = bytes.count - last.count
        for segment in segments[1..<(segments.count - 1)] where !segment.isEmpty {
            guard let found = Self.find(segment, in: bytes, from: position, to: end) else { return false }
            position = found + segment.count
        }
        return true
    }

    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        guard end - from >= needle.count else { return nil }
        var start = from
        while start + needle.count <= end {
            if bytes[start] == needle[0] {
                var k = 1
                while k < needle.count, bytes[start + k] == needle[k] { k += 1 }
                if k == needle.count { return start }
            }
            start += 1
        }
        return nil
    }
}
