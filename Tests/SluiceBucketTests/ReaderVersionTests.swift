import Foundation
import SluiceBucket
import Testing

/// A reader's version, compared when a map run resumes after a restart (issue 19): it changes with what the reader
/// reads, for one object, a prefix's listing and a manifest with its data files alike, so that a run never skips
/// items of content other than the one it read.
@Suite("Reader versions: what a resumed map run compares")
struct ReaderVersionTests {
    @Test("a listing's version changes when an object under the prefix is added, rewritten or removed, not elsewhere")
    func listing() throws {
        let f = try BucketFixture()
        try f.put("b", "in/a.json", "[1]")
        try f.put("b", "in/b.json", "[2]")
        let config = #"{"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN"}"#
        let first = try #require(try f.list("b", prefix: "in/", config: config).version)
        #expect(first.hasPrefix("2 objects, fingerprint "))
        #expect(try f.list("b", prefix: "in/", config: config).version == first)
        #expect(try f.list("b", prefix: "in/").version == first)
        try f.put("b", "other/c.json", "[3]")
        #expect(try f.list("b", prefix: "in/", config: config).version == first)
        try f.put("b", "in/c.json", "[3]")
        let added = try f.list("b", prefix: "in/", config: config).version
        #expect(added != first && added?.hasPrefix("3 objects") == true)
        try FileManager.default.removeItem(at: f.root.appendingPathComponent("b/in/c.json"))
        #expect(try f.list("b", prefix: "in/", config: config).version == first)
        try f.put("b", "in/b.json", "[2, 4]")
        #expect(try f.list("b", prefix: "in/", config: config).version != first)
    }

    @Test("a manifest's version changes with the manifest and with any data file it lists")
    func manifest() throws {
        let f = try BucketFixture()
        try f.put("results", "unload/m.csv", "s3://results/unload/part-0\ns3://results/unload/part-1\n")
        try f.put("results", "unload/part-0", "{\"a\": 1}\n")
        try f.put("results", "unload/part-1", "{\"a\": 2}\n")
        let config = #"{"ManifestType": "ATHENA_DATA", "InputType": "JSONL"}"#
        let first = try #require(try f.open("results", "unload/m.csv", config: config).version)
        #expect(first.hasPrefix("manifest size ") && first.contains("; data files 2 objects, fingerprint "))
        #expect(try f.open("results", "unload/m.csv", config: config).version == first)
        try f.put("results", "unload/part-1", "{\"a\": 2}\n{\"a\": 3}\n")
        let dataChanged = try #require(try f.open("results", "unload/m.csv", config: config).version)
        #expect(dataChanged != first)
        try f.put("results", "unload/m.csv", "s3://results/unload/part-0\n")
        let manifestChanged = try f.open("results", "unload/m.csv", config: config).version
        #expect(manifestChanged != dataChanged && manifestChanged?.contains("data files 1 objects") == true)
    }

    @Test("one object's version is its size, modification time and inode")
    func oneObject() throws {
        let f = try BucketFixture()
        try f.put("b", "items.jsonl", "1\n")
        let config = #"{"InputType": "JSONL"}"#
        let first = try #require(try f.open("b", "items.jsonl", config: config).version)
        #expect(first.hasPrefix("size 2, modified ") && first.contains(" ns, inode "))
        try f.put("b", "items.jsonl", "10\n")
        #expect(try f.open("b", "items.jsonl", config: config).version != first)
    }
}
