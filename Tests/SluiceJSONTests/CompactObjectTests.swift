import Testing

@testable import SluiceJSON

@Suite("Objects kept as the compact JSON a reader wrote")
struct CompactObjectTests {
    private static let json = #"{"id":"7","name":"a \"quoted\" name","tags":["x","y"],"n":1.5}"#

    private static func compact() -> JSONObject {
        JSONObject(compactJSON: Array(json.utf8))
    }

    @Test("they read, compare and hash like the object parsed from the same text")
    func behavesLikeParsed() throws {
        let parsed = try JSONParser.parse(Self.json)
        let compact = JSONValue.object(Self.compact())
        #expect(compact == parsed)
        #expect(parsed == compact)
        #expect(compact.hashValue == parsed.hashValue)
        #expect(compact["name"] == "a \"quoted\" name")
        #expect(compact.objectValue?.keys == ["id", "name", "tags", "n"])
        #expect(compact.objectValue?.count == 4)
        #expect(compact["missing"] == nil)
        #expect(compact.serialized() == Self.json)
        #expect(compact.serializedByteCount == Self.json.utf8.count)
        #expect(!compact.serializedSize(exceeds: Self.json.utf8.count))
        #expect(compact.serializedSize(exceeds: Self.json.utf8.count - 1))
    }

    @Test("a change makes an ordinary object; the copy it came from keeps its JSON")
    func changeMaterializes() {
        let original = Self.compact()
        var changed = original
        changed["n"] = 2
        changed["extra"] = true
        changed["tags"] = nil
        #expect(JSONValue.object(changed).serialized() == #"{"id":"7","name":"a \"quoted\" name","n":2,"extra":true}"#)
        #expect(JSONValue.object(original).serialized() == Self.json)
        #expect(original["n"] == .double(1.5))
    }

    @Test("copies read for the first time from many tasks at once all see the same members")
    func concurrentFirstRead() async {
        let shared = Self.compact()
        let names = await withTaskGroup(of: JSONValue?.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    let copy = shared
                    return copy["name"]
                }
            }
            var seen: [JSONValue?] = []
            for await name in group { seen.append(name) }
            return seen
        }
        #expect(names.count == 64)
        #expect(names.allSatisfy { $0 == "a \"quoted\" name" })
    }

    @Test("an object made from a buffer keeps its own copy: the buffer may be reused at once")
    func copiesTheBuffer() throws {
        var buffer = Array(Self.json.utf8)
        let object = buffer.withUnsafeBufferPointer { JSONObject(compactJSON: $0) }
        for i in buffer.indices { buffer[i] = UInt8(ascii: "x") }
        #expect(JSONValue.object(object).serialized() == Self.json)
        #expect(object.compactJSON == Array(Self.json.utf8))
        #expect(object == (try JSONParser.parse(Self.json)).objectValue)
        let empty = JSONObject(compactJSON: Array("{}".utf8))
        #expect(empty.isEmpty)
        #expect(JSONValue.object(empty).serializedByteCount == 2)
        // A large one (a row of many wide columns), read after it was printed.
        let wide =
            "{" + (0..<500).map { #""c\#($0)":"\#(String(repeating: "v", count: $0))""# }.joined(separator: ",") + "}"
        let large = JSONObject(compactJSON: Array(wide.utf8))
        #expect(JSONValue.object(large).serialized() == wide)
        #expect(large["c499"]?.stringValue?.count == 499)
    }
}
