import Foundation
import SluiceBucket
import SluiceJSON
import Testing

@Suite("GZIP and ZSTD input files, recognised by content")
struct CompressionTests {
    /// `{"n":1}\n{"n":2}\n{"n":3}\n` compressed by `gzip -9 -n`.
    private static let gzipLines: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 202, 83, 178, 50, 172, 229, 170, 6, 209, 70, 80, 218, 184, 150, 11,
        0, 158, 129, 72, 22, 24, 0, 0, 0,
    ]
    /// Two gzip members, "x\n" then "y\n", as `cat a.gz b.gz` makes them.
    private static let gzipMembers: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 171, 224, 2, 0, 31, 8, 234, 70, 2, 0, 0, 0, 31, 139, 8, 0, 0, 0, 0, 0, 0, 3,
        171, 228, 2, 0, 94, 57, 241, 95, 2, 0, 0, 0,
    ]
    /// `a,b\n1,2\n3,4\n` compressed by `zstd -19`.
    private static let zstdCSV: [UInt8] = [
        40, 181, 47, 253, 36, 12, 97, 0, 0, 97, 44, 98, 10, 49, 44, 50, 10, 51, 44, 52, 10, 225, 179, 203, 46,
    ]
    /// 300,000 lines `{"n":i % 7}` (2.4 MB) compressed by `zstd -19` into 255 bytes: decoding spans many reads.
    private static let zstdManyLines: [UInt8] = [
        40, 181, 47, 253, 164, 0, 159, 36, 0, 60, 1, 0, 168, 123, 34, 110, 34, 58, 48, 125, 10, 123, 34, 110, 34, 58,
        49, 50, 51, 52, 53, 54, 125, 10, 6, 0, 197, 255, 91, 229, 1, 238, 128, 99, 192, 9, 112, 87, 247, 42, 1, 84, 0,
        0, 0, 1, 0, 253, 255, 227, 255, 185, 6, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255,
        57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253,
        255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0,
        253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0,
        1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0,
        0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2, 68, 0, 0, 0, 1, 0, 253, 255, 57, 0, 2,
        69, 0, 0, 0, 1, 0, 253, 30, 29, 0, 1, 4, 23, 183, 141,
    ]

    @Test("gzip JSON Lines read as plain ones")
    func gzip() throws {
        let f = try BucketFixture()
        try f.put("b", "facts.jsonl.gz", bytes: Self.gzipLines)
        #expect(
            try f.items("b", "facts.jsonl.gz", config: #"{"InputType": "JSONL"}"#) == [["n": 1], ["n": 2], ["n": 3]]
        )
    }

    @Test("concatenated gzip members read one after the other")
    func gzipMembers() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv.gz", bytes: Self.gzipMembers)
        let config = #"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["v"]}"#
        #expect(try f.items("b", "x.csv.gz", config: config) == [["v": "x"], ["v": "y"]])
    }

    @Test("zstd CSV reads as plain CSV, whatever the file is named")
    func zstd() throws {
        let f = try BucketFixture()
        try f.put("b", "ratings.csv", bytes: Self.zstdCSV)
        #expect(
            try f.items("b", "ratings.csv", config: #"{"InputType": "CSV"}"#) == [
                ["a": "1", "b": "2"], ["a": "3", "b": "4"],
            ]
        )
    }

    @Test("a highly compressed zstd file decodes across many window refills")
    func zstdLarge() throws {
        let f = try BucketFixture()
        try f.put("b", "many.jsonl.zstd", bytes: Self.zstdManyLines)
        let items = try f.items("b", "many.jsonl.zstd", config: #"{"InputType": "JSONL"}"#, batch: 10_000)
        #expect(items.count == 300_000)
        #expect(items[299_999] == ["n": .int(299_999 % 7)])
    }

    @Test("truncated or corrupt compressed files fail the reader")
    func truncated() throws {
        let f = try BucketFixture()
        try f.put("b", "short.gz", bytes: Array(Self.gzipLines.prefix(20)))
        let gzipError = try #require(f.failure("b", "short.gz", config: #"{"InputType": "JSONL"}"#))
        #expect(gzipError.cause.contains("gzip"))
        try f.put("b", "short.zst", bytes: Array(Self.zstdCSV.prefix(15)))
        let zstdError = try #require(f.failure("b", "short.zst", config: #"{"InputType": "CSV"}"#))
        #expect(zstdError.cause.contains("zstd"))
        try f.put("b", "corrupt.gz", bytes: Array(Self.gzipLines.prefix(10)) + [UInt8](repeating: 0xFF, count: 30))
        #expect(f.failure("b", "corrupt.gz", config: #"{"InputType": "JSONL"}"#) != nil)
    }

    @Test("a large gzip CSV (made by the gzip tool) streams whole", .enabled(if: Self.hasGzipTool))
    func gzipLarge() throws {
        let f = try BucketFixture()
        let rows = 200_000
        var text = "id,name\n"
        for i in 0..<rows { text += "\(i),company-\(i)\n" }
        let plain = try f.put("b", "companies.csv", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", plain.path]
        try process.run()
        process.waitUntilExit()
        let items = try f.items("b", "companies.csv.gz", config: #"{"InputType": "CSV"}"#, batch: 50_000)
        #expect(items.count == rows)
        #expect(items.last == ["id": "199999", "name": "company-199999"])
    }

    static var hasGzipTool: Bool { FileManager.default.isExecutableFile(atPath: "/bin/gzip") }
}
