import Testing

@testable import SluiceJSON

/// `CompactJSONWriter.writingBytes`: a request line written in place into an array of its expected size.
@Suite("Compact JSON written in place")
struct CompactJSONWriterTests {
    private static let document: JSONValue = [
        "Items": [
            .object(JSONObject(compactJSON: Array(#"{"a":"1","b":"x\"y"}"#.utf8))),
            ["n": 12_345_678_901, "d": 0.1, "s": "é\u{1}", "t": true, "z": .null],
        ]
    ]

    @Test("bytes that fit are written in place; more spill to the writer's own buffer, the same bytes either way")
    func fitsOrSpills() {
        let expected = Self.document.serializedBytes()
        for room in [0, 1, 16, expected.count - 1, expected.count, expected.count + 1, 10_000] {
            let bytes = CompactJSONWriter.writingBytes(expectedCount: room) { $0.write(Self.document) }
            #expect(bytes == expected, "room \(room)")
        }
        // Grown several times over from the least room.
        let large = JSONValue.array(Array(repeating: Self.document, count: 500))
        #expect(CompactJSONWriter.writingBytes(expectedCount: 16) { $0.write(large) } == large.serializedBytes())
        #expect(CompactJSONWriter.writingBytes(expectedCount: 64) { _ in }.isEmpty)
    }

    @Test("a plain member is its prefix and its quoted value, whatever the lengths, the room and the bytes after them")
    func plainMembers() {
        // Sources padded with bytes that must never show: the writer copies sixteen at a time past both ends.
        let prefix = Array(#","column":"#.utf8) + Array(repeating: UInt8(ascii: "!"), count: 16)
        let prefixCount = prefix.count - 16
        for length in 0...40 {
            let value = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) } + Array(repeating: 0x7F, count: 16)
            var writer = CompactJSONWriter(capacity: 16)
            for _ in 0..<3 {
                prefix.withUnsafeBufferPointer { p in
                    value.withUnsafeBufferPointer { v in
                        writer.plainMember(
                            prefix: p.baseAddress!,
                            prefixCount: prefixCount,
                            value: v.baseAddress!,
                            valueCount: length
                        )
                    }
                }
            }
            let member = Array(prefix[..<prefixCount]) + [0x22] + Array(value[..<length]) + [0x22]
            #expect(writer.bytes == member + member + member, "length \(length)")
        }
    }

    @Test("what was written is handed over whole: the buffer itself when mostly full, else an exact copy")
    func takesWritten() {
        // Mostly full: the writer's buffer goes, a new one of the asked capacity comes.
        var writer = CompactJSONWriter(capacity: 64)
        Array("[1,2,3]".utf8).withUnsafeBufferPointer { writer.append($0) }
        let first = writer.takeWritten(nextCapacity: 8192)
        #expect(Array(UnsafeBufferPointer(start: first, count: 7)) == Array("[1,2,3]".utf8))
        #expect(writer.byteCount == 0)
        first.deallocate()
        // Much larger than what it holds: a copy of its size, and the writer keeps its room.
        for _ in 0..<3 { Array("abc".utf8).withUnsafeBufferPointer { writer.append($0) } }
        let second = writer.takeWritten(nextCapacity: 16)
        #expect(Array(UnsafeBufferPointer(start: second, count: 9)) == Array("abcabcabc".utf8))
        second.deallocate()
        #expect(writer.byteCount == 0)
        Array("xy".utf8).withUnsafeBufferPointer { writer.append($0) }
        #expect(writer.bytes == Array("xy".utf8))
        writer.removeLast(after: 1)
        #expect(writer.bytes == Array("x".utf8))
    }
}
