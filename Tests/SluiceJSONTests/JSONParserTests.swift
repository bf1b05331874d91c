import Testing

@testable import SluiceJSON

@Suite("JSON parser and serializer")
struct JSONParserTests {
    @Test("integers stay integers and decimals stay decimals")
    func numberKinds() throws {
        #expect(try JSONParser.parse("1") == .int(1))
        #expect(try JSONParser.parse("-0").serialized() == "0")
        if case .double = try JSONParser.parse("1.0") {} else { Issue.record("1.0 should be a double") }
        if case .double = try JSONParser.parse("1e2") {} else { Issue.record("1e2 should be a double") }
        #expect(try JSONParser.parse("1.0").serialized() == "1.0")
        #expect(try JSONParser.parse("1.5").serialized() == "1.5")
        #expect(try JSONParser.parse("[1,2.25,-3]").serialized() == "[1,2.25,-3]")
    }

    @Test("integers too large for Int become doubles")
    func hugeInteger() throws {
        let value = try JSONParser.parse("123456789012345678901234567890")
        #expect(value.doubleValue == 1.2345678901234568e29)
    }

    @Test("numbers compare and hash by value: 1 == 1.0")
    func numericEquality() throws {
        let one = try JSONParser.parse("1")
        let oneDouble = try JSONParser.parse("1.0")
        #expect(one == oneDouble)
        #expect(one.hashValue == oneDouble.hashValue)
        #expect(Set([one, oneDouble]).count == 1)
        #expect(try JSONParser.parse(#"{"a":[1]}"#) == JSONParser.parse(#"{"a":[1.0]}"#))
        #expect(JSONValue.int(1) != JSONValue.string("1"))
    }

    @Test("objects compare regardless of key order but keep their order")
    func objectOrder() throws {
        let a = try JSONParser.parse(#"{"b":1,"a":2}"#)
        let b = try JSONParser.parse(#"{"a":2,"b":1}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.serialized() == #"{"b":1,"a":2}"#)
    }

    @Test("string escapes are decoded")
    func escapes() throws {
        let value = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t u\u0041\u00e9""#)
        #expect(value == .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t uAé"))
    }

    @Test("surrogate pairs join into one scalar; lone surrogates become U+FFFD")
    func surrogates() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\ude00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud83d\u0041""#) == .string("\u{FFFD}"))
    }

    @Test("serialization escapes what JSON requires and nothing else")
    func serializeEscapes() throws {
        let value = JSONValue.string("a\"b\\c\nd\u{01}é😀/")
        #expect(value.serialized() == #""a\"b\\c\nd\u0001é😀/""#)
        #expect(try JSONParser.parse(value.serialized()) == value)
    }

    @Test("nesting up to the limit parses; one level deeper is refused")
    func nestingLimit() throws {
        let limit = JSONParser.maximumDepth
        let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        let deep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let deepObjects =
            String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deepObjects) }
    }

    @Test(
        "malformed documents are refused",
        arguments: [
            "", "01", "1.", "-", ".5", "+1", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "\"\t\"", "\"abc", "[1 2]",
            "tru", "nul", "{\"a\" 1}", "1 2", "\"\\x\"", "\"\\u12G4\"", "[",
        ]
    )
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("errors carry the offset where reading stopped")
    func errorOffset() {
        do {
            _ = try JSONParser.parse("[1, x]")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 4)
            #expect(error.description.contains("offset 4"))
        }
    }

    @Test("whitespace and a byte order mark around the value are fine")
    func whitespace() throws {
        #expect(try JSONParser.parse(" \n\t{ \"a\" : [ 1 , 2 ] }\r\n") == ["a": [1, 2]])
        #expect(try JSONParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("true".utf8)) == true)
    }

    @Test("pretty printing indents and round-trips")
    func pretty() throws {
        let value = try JSONParser.parse(#"{"a":[1,{"b":null}],"c":{}}"#)
        #expect(value.prettyPrinted() == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}")
        #expect(try JSONParser.parse(value.prettyPrinted()) == value)
    }
}
