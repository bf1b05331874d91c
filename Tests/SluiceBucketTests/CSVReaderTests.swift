import SluiceBucket
import SluiceJSON
import Testing

@Suite("CSV items as AWS parses text delimited files")
struct CSVReaderTests {
    private let csv = #"{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}"#

    @Test("rows become objects keyed by the header, every value a string, header order kept")
    func firstRow() throws {
        let f = try BucketFixture()
        try f.put("b", "ratings.csv", "userId,movieId,rating,timestamp\n1,307,3.5,1256677221\n1,481,3.5,1256677456\n")
        let items = try f.items("b", "ratings.csv", config: csv)
        #expect(items.count == 2)
        #expect(
            items[0]
                == (try BucketFixture.json(
                    #"{"userId": "1", "movieId": "307", "rating": "3.5", "timestamp": "1256677221"}"#
                ))
        )
        #expect(items[0].objectValue?.keys == ["userId", "movieId", "rating", "timestamp"])
        #expect(items[1]["movieId"] == "481")
    }

    @Test("CSVHeaderLocation defaults to FIRST_ROW")
    func defaultHeaderLocation() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a,b\n1,2\n")
        #expect(try f.items("b", "x.csv", config: #"{"InputType": "CSV"}"#) == [["a": "1", "b": "2"]])
    }

    @Test("GIVEN headers: the first row is data")
    func givenHeaders() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "1,307,3.5\n1,481,3.5\n")
        let config =
            #"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["userId", "movieId", "rating"]}"#
        let items = try f.items("b", "x.csv", config: config)
        #expect(
            items == [
                ["userId": "1", "movieId": "307", "rating": "3.5"], ["userId": "1", "movieId": "481", "rating": "3.5"],
            ]
        )
    }

    @Test("the AWS example row: quoted commas, doubled quotes, a newline, JSON-looking text stays a string")
    func awsExample() throws {
        let f = try BucketFixture()
        let row =
            #"abc,123,"This string contains commas, a double quotation marks (""), and a newline ("#
            + "\n" + #")",{""MyKey"":""MyValue""},"[1,2,3]""#
        try f.put("b", "x.csv", row + "\n")
        let config = #"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b", "c", "d", "e"]}"#
        let items = try f.items("b", "x.csv", config: config)
        #expect(items.count == 1)
        #expect(items[0]["a"] == "abc")
        #expect(items[0]["b"] == "123")
        #expect(
            items[0]["c"] == .string("This string contains commas, a double quotation marks (\"), and a newline (\n)")
        )
        #expect(items[0]["d"] == #"{"MyKey":"MyValue"}"#)
        #expect(items[0]["e"] == "[1,2,3]")
    }

    @Test("backslashes escape backslashes, quotes and the delimiter, and vanish before anything else")
    func backslashes() throws {
        let f = try BucketFixture()
        try f.put(
            "b",
            "x.csv",
            #"path,size"# + "\n" + #"C:\\Program Files\\MyApp.exe,6534512"# + "\n" + #"a\,b,\"q\" \x"# + "\n"
        )
        let items = try f.items("b", "x.csv", config: csv)
        #expect(
            items == [
                ["path": #"C:\Program Files\MyApp.exe"#, "size": "6534512"], ["path": "a,b", "size": #""q" x"#],
            ]
        )
    }

    @Test("short rows get empty strings, extra fields are skipped")
    func ragged() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a,b,c\n1\n1,2,3,4,5\n,,\n")
        let items = try f.items("b", "x.csv", config: csv)
        #expect(
            items == [["a": "1", "b": "", "c": ""], ["a": "1", "b": "2", "c": "3"], ["a": "", "b": "", "c": ""]]
        )
        #expect(items[0].objectValue?.keys == ["a", "b", "c"])
    }

    @Test("CRLF, CR and LF line ends; blank lines hold no row; a last row without newline counts")
    func lineEnds() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a,b\r\n1,2\r\n\r\n3,4\r5,6\n\n7,\"8\r\n9\"")
        let items = try f.items("b", "x.csv", config: csv)
        #expect(
            items == [["a": "1", "b": "2"], ["a": "3", "b": "4"], ["a": "5", "b": "6"], ["a": "7", "b": "8\r\n9"]]
        )
    }

    @Test("a UTF-8 byte order mark does not become part of the first header")
    func byteOrderMark() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,é\n".utf8))
        #expect(try f.items("b", "x.csv", config: csv) == [["id": "1", "name": "é"]])
    }

    @Test(
        "every CSVDelimiter, with the delimiter quoted and escaped inside fields",
        arguments: [("COMMA", ","), ("PIPE", "|"), ("SEMICOLON", ";"), ("SPACE", " "), ("TAB", "\t")]
    )
    func delimiters(name: String, d: String) throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a\(d)b\(d)c\n1\(d)\"x\(d)y\"\(d)p\\\(d)q\n")
        let config = #"{"InputType": "CSV", "CSVDelimiter": "\#(name)"}"#
        #expect(
            try f.items("b", "x.csv", config: config) == [["a": "1", "b": .string("x\(d)y"), "c": .string("p\(d)q")]]
        )
    }

    @Test("a comma is plain text under another delimiter")
    func commaUnderPipe() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a|b\n1,5|2\n")
        #expect(
            try f.items("b", "x.csv", config: #"{"InputType": "CSV", "CSVDelimiter": "PIPE"}"#) == [
                ["a": "1,5", "b": "2"]
            ]
        )
    }

    @Test("a lone quote inside an unquoted field and text after a closing quote are kept; \"\" is one quote anywhere")
    func looseQuotes() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a,b,c,d\n5\" disk,\"ab\"cd,x\"\"y,\"\"\n")
        #expect(try f.items("b", "x.csv", config: csv) == [["a": "5\" disk", "b": "abcd", "c": "x\"y", "d": ""]])
    }

    @Test("duplicate headers fail the reader")
    func duplicateHeaders() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a,b,a\n1,2,3\n")
        let error = try #require(f.failure("b", "x.csv", config: csv))
        #expect(error.cause.contains("CSV headers cannot contain duplicates"))
        #expect(error.cause.contains("s3://b/x.csv"))
    }

    @Test("a quote left open names the line where its field starts")
    func unterminatedQuote() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "a,b\n1,2\n3,\"oops\n4,5\n")
        let error = try #require(f.failure("b", "x.csv", config: csv))
        #expect(error.cause.contains("line 3"))
        #expect(error.cause.contains("not closed"))
    }

    @Test("an empty file, or one holding only a header, has no items")
    func empty() throws {
        let f = try BucketFixture()
        try f.put("b", "empty.csv", "")
        try f.put("b", "header.csv", "a,b\n")
        #expect(try f.items("b", "empty.csv", config: csv).isEmpty)
        #expect(try f.items("b", "header.csv", config: csv).isEmpty)
    }

    @Test("rows that straddle read chunks, including multi-line quoted fields, come out whole")
    func largeFile() throws {
        let f = try BucketFixture()
        var text = "id,note,tail\n"
        let rows = 60_000
        for i in 0..<rows {
            text +=
                i % 1000 == 0 ? "\(i),\"line one, \"\"quoted\"\"\nline two\",end\r\n" : "\(i),note number \(i),end\n"
        }
        try f.put("b", "big.csv", text)
        let items = try f.items("b", "big.csv", config: csv, batch: 4096)
        #expect(items.count == rows)
        #expect(items[0]["note"] == "line one, \"quoted\"\nline two")
        #expect(items[59_999] == ["id": "59999", "note": "note number 59999", "tail": "end"])
        #expect(items.enumerated().allSatisfy { $0.element["id"] == .string(String($0.offset)) })
    }

    @Test("a header row over 10 KiB is refused, as AWS limits headers")
    func headerLimit() throws {
        let f = try BucketFixture()
        let header = (0..<2000).map { "column\($0)" }.joined(separator: ",")
        try f.put("b", "x.csv", header + "\n1\n")
        let error = try #require(f.failure("b", "x.csv", config: csv))
        #expect(error.cause.contains("10 KiB"))
    }

    @Test("a row's JSON, written while it is parsed, is byte for byte what serializing its values gives")
    func rowJSON() throws {
        let f = try BucketFixture()
        var text = Array("id,\"quoted \"\"key\"\"\",tab\tkey,é,empty\n".utf8)
        text += Array("1,plain,\"with, comma\",\"say \"\"hi\"\"\",x\n".utf8)
        text += Array("2,a\tb,back\\\\slash,ünïcødé,\r\n".utf8)
        text += Array("3,short\n".utf8)
        text += Array("4,extra,cells,here,and,more,than,headers\n".utf8)
        text += [0x35, 0x2C, 0xFF, 0xFE, 0x2C, 0x01, 0x0A]  // invalid UTF-8 and a control character
        text += Array("6,\"multi\nline\",,,\n".utf8)
        text += [0x37, 0x2C, 0xF0, 0x90, 0x80, 0x41, 0x0A]  // a cut 4-byte sequence: repaired, same length
        try f.put("b", "x.csv", bytes: text)
        let items = try f.items("b", "x.csv", config: csv)
        let keys = ["id", "quoted \"key\"", "tab\tkey", "é", "empty"]
        let rows: [[String]] = [
            ["1", "plain", "with, comma", "say \"hi\"", "x"],
            ["2", "a\tb", "back\\slash", "ünïcødé", ""],
            ["3", "short", "", "", ""],
            ["4", "extra", "cells", "here", "and"],
            ["5", "\u{FFFD}\u{FFFD}", "\u{1}", "", ""],
            ["6", "multi\nline", "", "", ""],
            ["7", "\u{FFFD}A", "", "", ""],
        ]
        #expect(items.count == rows.count)
        for (item, row) in zip(items, rows) {
            let expected = JSONValue.object(JSONObject(zip(keys, row.map { JSONValue.string($0) }).map { ($0, $1) }))
            #expect(item == expected)
            #expect(item.serializedBytes() == expected.serializedBytes())
            #expect(item.serializedByteCount == expected.serializedBytes().count)
            #expect(item.objectValue?.keys == keys)
        }
        // A changed row is serialized from its members, not from the JSON it was read with.
        var changed = try #require(items[0].objectValue)
        changed["id"] = "one"
        #expect(JSONValue.object(changed).serialized().hasPrefix(#"{"id":"one","#))
        #expect(JSONValue.object(changed).serializedByteCount == JSONValue.object(changed).serializedBytes().count)
        #expect(changed["plain"] == nil && changed["quoted \"key\""] == "plain" && changed.count == 5)
        changed["added"] = "new"
        #expect(JSONValue.object(changed).serialized().hasSuffix(#","added":"new"}"#))
    }

    /// What AWS reads from a CSV text without quotes or backslashes: lines end at LF, CRLF or CR, blank ones hold no
    /// row, fields split at the delimiter, each decoded as UTF-8 (bad sequences repaired), the header's keys.
    private static func plainReference(_ text: [UInt8], delimiter: UInt8) -> [JSONValue] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x0A || text[i] == 0x0D {
                lines.append(text[start..<i])
                i += text[i] == 0x0D && i + 1 < text.count && text[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < text.count { lines.append(text[start...]) }
        let rows = lines.filter { !$0.isEmpty }.map { line in
            line.split(separator: delimiter, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { row in
            .object(JSONObject(header.indices.map { (header[$0], .string($0 < row.count ? row[$0] : "")) }))
        }
    }

    @Test(
        "random plain CSV (controls, DEL, UTF-8 and broken UTF-8, every field length, any file end) reads as AWS does"
    )
    func randomPlainText() throws {
        let f = try BucketFixture()
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces: [[UInt8]] = [
            [0x61], [0x62], [0x7A], [0x30], [0x20], [0x7E], [0x7F], [0x09], [0x01], [0x1F], [0xC3, 0xA9],
            [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3], [0x80],
        ]
        for (round, delimiter) in zip(0..<300, [UInt8]([0x2C, 0x3B, 0x7C, 0x09, 0x20]).cycled()) {
            var text: [UInt8] = []
            let columns = 1 + next(5)
            text += (0..<columns).map { "k\($0)" }.joined(separator: String(UnicodeScalar(delimiter))).utf8
            text.append(0x0A)
            for _ in 0..<next(40) {
                for field in 0..<(1 + next(columns + 2)) {
                    if field > 0 { text.append(delimiter) }
                    for _ in 0..<[0, 1, 3, 7, 8, 9, 15, 16, 17, 30][next(10)] {
                        let piece = pieces[next(pieces.count)]
                        if piece != [delimiter] { text += piece }
                    }
                }
                text += [[0x0A], [0x0D, 0x0A], [0x0D], [0x0A, 0x0A]][next(4)]
            }
            if next(2) == 0, let last = text.last, last == 0x0A { text.removeLast() }
            let key = "r\(round).csv"
            try f.put("b", key, bytes: text)
            let name = ["\u{2C}": "COMMA", ";": "SEMICOLON", "|": "PIPE", "\t": "TAB", " ": "SPACE"][
                String(UnicodeScalar(delimiter))
            ]!
            let config = #"{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": "\#(name)"}"#
            let items = try f.items("b", key, config: config, batch: 1 + next(9))
            let expected = Self.plainReference(text, delimiter: delimiter)
            #expect(items == expected, "round \(round)")
            #expect(items.map { $0.serializedBytes() } == expected.map { $0.serializedBytes() }, "round \(round)")
        }
    }
}

extension Array {
    /// The elements over and over.
    fileprivate func cycled() -> some Sequence<Element> {
        sequence(state: 0) { i in
            defer { i = (i + 1) % count }
            return self[i]
        }
    }
}
