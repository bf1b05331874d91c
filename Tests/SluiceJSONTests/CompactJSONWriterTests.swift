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
}
