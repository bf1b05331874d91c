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

    /// Three objects in one slab, as a CSV read makes them: `json` between two others.
    private static func slabRows(_ texts: [String] = [#"{"a":"1"}"#, json, "{}"]) -> [JSONObject] {
        let bytes = Array(texts.joined().utf8)
        var ends: [Int] = []
        for text in texts { ends.append((ends.last ?? 0) + text.utf8.count) }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        let slab = CompactSlab(adopting: buffer, ends: ends)
        #expect(slab.objectCount == texts.count)
        return texts.indices.map { JSONObject(slab: slab, row: $0) }
    }

    @Test("a slab's rows each read, compare, hash, weigh and print like the object parsed from their own text")
    func slabRowsBehaveLikeParsed() throws {
        let rows = Self.slabRows()
        let parsed = try JSONParser.parse(Self.json)
        let row = JSONValue.object(rows[1])
        #expect(row == parsed)
        #expect(parsed == row)
        #expect(row.hashValue == parsed.hashValue)
        #expect(row["name"] == "a \"quoted\" name")
        #expect(row.objectValue?.keys == ["id", "name", "tags", "n"])
        #expect(row["missing"] == nil)
        #expect(row.serialized() == Self.json)
        #expect(row.serializedByteCount == Self.json.utf8.count)
        #expect(!row.serializedSize(exceeds: Self.json.utf8.count))
        #expect(row.serializedSize(exceeds: Self.json.utf8.count - 1))
        #expect(rows[0].compactJSON == Array(#"{"a":"1"}"#.utf8))
        #expect(rows[0]["a"] == "1")
        #expect(rows[2].isEmpty)
        #expect(JSONValue.array(rows.map { .object($0) }).serialized() == #"[{"a":"1"},"# + Self.json + ",{}]")
    }

    @Test("a change to a slab's row makes an ordinary object; the slab and its other rows keep their JSON")
    func slabRowChangeMaterializes() {
        var rows = Self.slabRows()
        let original = rows[1]
        rows[1]["n"] = 2
        rows[1]["tags"] = nil
        #expect(JSONValue.object(rows[1]).serialized() == #"{"id":"7","name":"a \"quoted\" name","n":2}"#)
        #expect(rows[1].compactJSON == nil)
        #expect(JSONValue.object(original).serialized() == Self.json)
        #expect(JSONValue.object(rows[0]).serialized() == #"{"a":"1"}"#)
    }

    @Test("a row outlives the others of its slab, and rows read for the first time from many tasks agree")
    func slabRowLifetimeAndConcurrency() async {
        let last = Self.slabRows([#"{"k":"first"}"#, #"{"k":"second"}"#]).last!
        #expect(last["k"] == "second")
        let rows = Self.slabRows((0..<16).map { #"{"k":"\#($0)"}"# })
        let seen = await withTaskGroup(of: (Int, JSONValue?).self) { group in
            for i in 0..<128 {
                group.addTask {
                    let copy = rows[i % 16]
                    return (i % 16, copy["k"])
                }
            }
            var seen: [(Int, JSONValue?)] = []
            for await pair in group { seen.append(pair) }
            return seen
        }
        #expect(seen.count == 128)
        #expect(seen.allSatisfy { $0.1 == .string(String($0.0)) })
    }
}
