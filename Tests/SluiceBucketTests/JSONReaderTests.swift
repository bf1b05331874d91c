import SluiceBucket
import SluiceJSON
import Testing

@Suite("JSON and JSON Lines items")
struct JSONReaderTests {
    private let json = #"{"InputType": "JSON"}"#
    private let jsonl = #"{"InputType": "JSONL"}"#

    @Test("array elements as they are, numbers keeping their spelling")
    func array() throws {
        let f = try BucketFixture()
        try f.put("b", "facts.json", #" [ {"verdict": "true", "n": 1}, 2.50, "s", null, [1, [2]], {"a": {"b": []}} ] "#)
        let items = try f.items("b", "facts.json", config: json, batch: 2)
        #expect(
            items.map { $0.serialized() } == [
                #"{"verdict":"true","n":1}"#, "2.5", #""s""#, "null", "[1,[2]]", #"{"a":{"b":[]}}"#,
            ]
        )
    }

    @Test("ItemsPointer walks down to a nested array, skipping siblings of any shape")
    func itemsPointer() throws {
        let f = try BucketFixture()
        let document = #"""
            {"meta": {"note": "ignore ] } [ {", "list": [1, {"x": "]"}]},
             "inventory": {"count": 2, "products": {"old": [0], "featured": [{"id": "a"}, {"id": "b"}]}, "tail": true}}
            """#
        try f.put("b", "nested.json", document)
        let config = #"{"InputType": "JSON", "ItemsPointer": "/inventory/products/featured"}"#
        #expect(try f.items("b", "nested.json", config: config) == [["id": "a"], ["id": "b"]])
    }

    @Test("ItemsPointer: array indexes, escaped tokens and the empty pointer")
    func pointerSyntax() throws {
        let f = try BucketFixture()
        try f.put("b", "x.json", #"{"a/b": [[9], [7, 8]], "m~n": [true]}"#)
        #expect(try f.items("b", "x.json", config: #"{"InputType": "JSON", "ItemsPointer": "/a~1b/1"}"#) == [7, 8])
        #expect(try f.items("b", "x.json", config: #"{"InputType": "JSON", "ItemsPointer": "/m~0n"}"#) == [true])
        try f.put("b", "y.json", "[1, 2]")
        #expect(try f.items("b", "y.json", config: #"{"InputType": "JSON", "ItemsPointer": ""}"#) == [1, 2])
    }

    @Test("an object yields one {Key, Value} item per member")
    func objectMembers() throws {
        let f = try BucketFixture()
        try f.put("b", "x.json", #"{"servers": {"web": {"port": 80}, "db": {"port": 5432}}}"#)
        let items = try f.items("b", "x.json", config: #"{"InputType": "JSON", "ItemsPointer": "/servers"}"#)
        #expect(items == [["Key": "web", "Value": ["port": 80]], ["Key": "db", "Value": ["port": 5432]]])
    }

    @Test("pointer problems name the pointer and what is there")
    func pointerErrors() throws {
        let f = try BucketFixture()
        try f.put("b", "x.json", #"{"a": {"b": "text"}, "list": [1]}"#)
        let missing = try #require(f.failure("b", "x.json", config: #"{"InputType": "JSON", "ItemsPointer": "/a/c"}"#))
        #expect(missing.cause.contains("has no member \"c\""))
        let scalar = try #require(f.failure("b", "x.json", config: #"{"InputType": "JSON", "ItemsPointer": "/a/b"}"#))
        #expect(scalar.cause.contains("non-iterable"))
        #expect(scalar.cause.contains("a string"))
        let index = try #require(f.failure("b", "x.json", config: #"{"InputType": "JSON", "ItemsPointer": "/list/5"}"#))
        #expect(index.cause.contains("no element 5"))
        try f.put("b", "n.json", "42")
        #expect(f.failure("b", "n.json", config: json)?.cause.contains("non-iterable") == true)
    }

    @Test("malformed JSON fails with the byte offset, including garbage after the document")
    func malformed() throws {
        let f = try BucketFixture()
        try f.put("b", "bad.json", #"[{"a": 1}, {"a": tru}]"#)
        let error = try #require(f.failure("b", "bad.json", config: json))
        #expect(error.cause.contains("malformed at byte"))
        try f.put("b", "trailing.json", "[1, 2] x")
        #expect(f.failure("b", "trailing.json", config: json)?.cause.contains("unexpected data after") == true)
        try f.put("b", "open.json", "[1, 2")
        #expect(f.failure("b", "open.json", config: json) != nil)
        try f.put("b", "ptr.json", #"{"a": [1], "b": }"#)
        #expect(f.failure("b", "ptr.json", config: #"{"InputType": "JSON", "ItemsPointer": "/a"}"#) != nil)
    }

    @Test("a large array streams across chunks")
    func largeArray() throws {
        let f = try BucketFixture()
        let count = 50_000
        let text =
            "["
            + (0..<count).map { #"{"i": \#($0), "pad": "\#(String(repeating: "x", count: 40))"}"# }.joined(
                separator: ",\n"
            ) + "]"
        try f.put("b", "big.json", text)
        let items = try f.items("b", "big.json", config: json, batch: 1000)
        #expect(items.count == count)
        #expect(items.enumerated().allSatisfy { $0.element["i"] == .int($0.offset) })
    }

    @Test("JSON Lines: one value per line, blank lines and CRLF tolerated")
    func lines() throws {
        let f = try BucketFixture()
        try f.put("b", "x.jsonl", "{\"verdict\": \"true\"}\r\n\n  \n[1,2]\n\"s\"\n42")
        #expect(try f.items("b", "x.jsonl", config: jsonl, batch: 2) == [["verdict": "true"], [1, 2], "s", 42])
    }

    @Test("a malformed line is reported with its line number and column")
    func badLine() throws {
        let f = try BucketFixture()
        try f.put("b", "x.jsonl", "{\"a\": 1}\n\n{\"a\": 2,}\n{\"a\": 3}\n")
        let source = try f.open("b", "x.jsonl", config: jsonl)
        #expect(try source.next(1) == [["a": 1]])
        do {
            _ = try source.next(10)
            Issue.record("line 3 should fail")
        } catch {
            #expect(error.cause.contains("line 3 is not valid JSON"))
            #expect(error.cause.contains("column"))
        }
        #expect(throws: ItemReaderError.self) { try source.next(10) }
    }

    @Test("many lines stream in chunks")
    func manyLines() throws {
        let f = try BucketFixture()
        let count = 100_000
        try f.put("b", "big.jsonl", (0..<count).map { #"{"n": \#($0)}"# }.joined(separator: "\n") + "\n")
        let source = try f.open("b", "big.jsonl", config: jsonl)
        var seen = 0
        while case let batch = try source.next(5000), !batch.isEmpty {
            #expect(batch.first?["n"] == .int(seen))
            seen += batch.count
        }
        #expect(seen == count)
    }

    @Test(
        "a reader that failed keeps failing with the same error, whatever the format",
        arguments: [
            ("x.jsonl", "{\"a\":1}\n{oops\n{\"a\":3}\n", #"{"InputType": "JSONL"}"#),
            ("x.json", "[{\"a\":1}, {oops}]", #"{"InputType": "JSON"}"#),
            ("x.csv", "a,b\n1,2\n\"open,3\n", #"{"InputType": "CSV"}"#),
        ]
    )
    func failureIsFinal(key: String, text: String, config: String) throws {
        let f = try BucketFixture()
        try f.put("b", key, text)
        let source = try f.open("b", key, config: config)
        var first: ItemReaderError?
        do {
            while try !source.next(1).isEmpty {}
        } catch {
            first = error
        }
        let error = try #require(first)
        #expect(throws: error) { try source.next(1) }
        #expect(throws: error) { try source.next(5) }
    }
}
