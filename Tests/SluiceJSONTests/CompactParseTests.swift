import Testing

@testable import SluiceJSON

/// `JSONParser.parse(keepingNestedObjectsCompact:)`, which a worker's answer goes through: the value it gives must be
/// the one the ordinary parse gives, in every way it is used (compared, read, printed, weighed), for any text.
@Suite("Objects below the root parsed as their compact JSON")
struct CompactParseTests {
    /// Both parses of `text`: the same value, the same printed bytes and size, the same error or none.
    private func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let ordinary = Result { () throws(JSONParseError) in try JSONParser.parse(bytes: bytes) }
        let compact = Result { () throws(JSONParseError) in try JSONParser.parse(keepingNestedObjectsCompact: bytes) }
        switch (ordinary, compact) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(text)", sourceLocation: sourceLocation)
            #expect(a.serialized() == b.serialized(), "\(text)", sourceLocation: sourceLocation)
            #expect(a.serializedByteCount == b.serializedByteCount, "\(text)", sourceLocation: sourceLocation)
            // Read through: the compact objects' members, parsed when asked for, are the ordinary ones.
            #expect(a.prettyPrinted() == b.prettyPrinted(), "\(text)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.message == b.message, "\(text)", sourceLocation: sourceLocation)
        default:
            Issue.record("one parse failed, the other did not: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test("a worker's answer: each result object kept as its compact JSON, printed as it came")
    func answerKeptCompact() throws {
        let line =
            #"{"requestId": "r1", "result": [{"id": 1, "score": 0.731, "label": "ok"}, {"id": 2, "nested": {"a": [1, 2]}}]}"#
        let value = try JSONParser.parse(keepingNestedObjectsCompact: Array(line.utf8))
        let results = try #require(value["result"]?.arrayValue)
        #expect(results.allSatisfy { $0.objectValue?.compactJSON != nil })
        #expect(results[0].objectValue?.compactJSON == Array(#"{"id":1,"score":0.731,"label":"ok"}"#.utf8))
        #expect(value.objectValue?.compactJSON == nil)
        #expect(results[1]["nested"]?["a"] == [1, 2])
        check(line)
    }

    @Test("what the writer would print differently is printed its way: numbers, escapes, whitespace, UTF-8")
    func canonical() {
        for text in [
            #"[{"a":1.0}]"#, #"[{"a":1.50}]"#, #"[{"a":1e2}]"#, #"[{"a":1E-7}]"#, #"[{"a":-0}]"#, #"[{"a":-0.0}]"#,
            #"[{"a":0.0001}]"#, #"[{"a":0.00001}]"#, #"[{"a":0.00012}]"#, #"[{"a":123456789012345.6}]"#,
            #"[{"a":12345678901234.5}]"#, #"[{"a":0.1234567890123456}]"#, #"[{"a":9223372036854775807}]"#,
            #"[{"a":9223372036854775808}]"#, #"[{"a":-9223372036854775808}]"#, #"[{"a":123456789012345678}]"#,
            #"[{"a":1e400}]"#, #"[{"a":-1.25}]"#, #"[{"a":100}]"#, #"[{"a":0}]"#, #"[{"a":3.0e0}]"#,
            #"[{"a":"\u00e9\/\"\\\n\u0001\ud83d\ude00"}]"#, #"[{"a":"é","b":"\ud800"}]"#, #"[{"\u0061":1}]"#,
            "[{ \"a\" :\t[ 1 , {\"b\" : null } ] ,\r\n\"c\":true }]", #"[{}, {"":{}}, []]"#,
            "[{\"a\":\"\u{7F}\"}]", "[{\"k\":\"\u{10FFFF}\"}]",
        ] {
            check(text)
        }
        // Invalid UTF-8 is repaired the same way by both.
        let invalid = [UInt8](#"[{"a":""#.utf8) + [0xFF, 0xC3] + [UInt8](#""}]"#.utf8)
        let a = try? JSONParser.parse(bytes: invalid)
        let b = try? JSONParser.parse(keepingNestedObjectsCompact: invalid)
        #expect(a != nil && a == b && a?.serialized() == b?.serialized())
    }

    @Test("a repeated key keeps its last value in its first place, as the ordinary parse does; so do big objects")
    func repeatedKeys() {
        check(#"[{"a":1,"b":2,"a":3}]"#)
        check(#"[{"x":{"a":1,"a":{"b":1,"b":2}},"y":[{"c":1,"c":1}]}]"#)
        check(#"{"r":{"a":{"k":1,"k":2},"b":{"m":{"n":1}}}}"#)
        let big = (0..<100).map { "\"k\($0 % 70)\":\($0)" }.joined(separator: ",")
        check("[{\(big)}]")
        let distinct = (0..<40).map { "\"k\($0)\":{\"v\":\($0)}" }.joined(separator: ",")
        check("[{\(distinct)}]")
    }

    @Test("broken text fails with the ordinary parse's error")
    func errors() {
        for text in [
            #"[{"a":}]"#, #"[{"a":1,}]"#, #"[{"a" 1}]"#, #"[{a:1}]"#, #"[{"a":01}]"#, #"[{"a":1.}]"#, #"[{"a":-}]"#,
            #"[{"a":1e}]"#, #"[{"a":tru}]"#, #"[{"a":"x}]"#, #"[{"a":"\x"}]"#, "[{\"a\":\"\u{1}\"}]", #"[{"a":[1,]}]"#,
            #"[{"a":1}"#, #"[{"a":1} x]"#, #"[{"a":1}]]"#, #"[{"a":@}]"#, #"[{"a":"\u12"}]"#,
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
            "[" + String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600) + "]",
        ] {
            check(text)
        }
    }

    @Test("random documents: the same value, printed and weighed the same, or the same error")
    func random() {
        var generator = Generator(seed: 0x5EED)
        for _ in 0..<3_000 {
            var text = ""
            generator.value(into: &text, depth: 0)
            check(text)
            // And a mangled copy: a byte dropped, doubled or changed.
            var bytes = Array(text.utf8)
            let at = Int(generator.next() % UInt64(bytes.count))
            switch generator.next() % 3 {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(bytes[at], at: at)
            default:
                let replacements = Array(#"{}[]",:0-.e"\ a"#.utf8)
                bytes[at] = replacements[Int(generator.next() % UInt64(replacements.count))]
            }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// JSON text of every shape the scan handles differently, with whitespace and repeats.
    private struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }

        mutating func space(into text: inout String) {
            if next() % 4 == 0 { text += pick([" ", "\n", "\t ", "\r\n  "]) }
        }

        mutating func value(into text: inout String, depth: Int) {
            space(into: &text)
            switch next() % (depth > 4 ? 4 : 6) {
            case 0:
                text += pick([
                    "0", "-0", "7", "-12", "1.5", "0.25", "2.50", "1e3", "-3.2E-4", "0.000123", "0.00001",
                    "123456789012345678", "1234567890123456789", "99999999999999999999", "0.1234567890123456",
                    "12.345678901234", "1.0", "100.0",
                ])
            case 1:
                text += pick([
                    #""""#, #""plain""#, #""a b""#, #""\"q\"""#, #""back\\slash""#, #""\/""#, #""\u00e9t\u00e9""#,
                    #""naïve""#, #""\ud83d\ude00""#, #""\t\n""#, #""\u0000""#, #""\ud800x""#,
                ])
            case 2: text += pick(["true", "false", "null"])
            case 3: text += pick(["{}", "[]"])
            case 4:
                text += "["
                let n = Int(next() % 4)
                for i in 0..<n {
                    if i > 0 { text += "," }
                    value(into: &text, depth: depth + 1)
                }
                space(into: &text)
                text += "]"
            default:
                text += "{"
                let n = Int(next() % 5)
                for i in 0..<n {
                    if i > 0 { text += "," }
                    space(into: &text)
                    text += pick([#""a""#, #""b""#, #""c""#, #""\u0061""#, #""é""#, #""""#, #""key""#])
                    space(into: &text)
                    text += ":"
                    value(into: &text, depth: depth + 1)
                }
                space(into: &text)
                text += "}"
            }
            space(into: &text)
        }
    }
}
