import SluiceJSON
import Testing

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
}
