import Foundation
import SluiceBucket
import SluiceJSON
import SluiceVocabulary

/// The three walks a Distributed Map batch gets in sluice (the batcher's byte count, the 256 KiB quota check on
/// the Task's Parameters, and the request line to the worker), timed alone over CSV-shaped rows: where the
/// `distributed-map` figure's CPU goes on sluice's side.
enum JSONWalkBenchmark {
    static func run() throws {
        let columns =
            ["company_id", "name", "domain", "sector", "country", "founded", "employees", "revenue"]
            + (0..<20).map { "answer_\($0)" }
        var rows: [JSONValue] = []
        var values: [JSONValue] = []
        for i in 0..<227_000 {
            values =
                [
                    .string(String(i)), .string("company-\(i)"), .string("company-\(i).example.com"),
                    .string("utilities"),
                    .string("CN"), .string("1998"), .string(String(i % 5000)), .string("1198675.29"),
                ] + (0..<20).map { .string(String(($0 + i) % 11)) }
            rows.append(.object(JSONObject(Array(zip(columns, values)))))
        }
        let clock = ContinuousClock()
        var total = 0
        let counted = clock.measure { for r in rows { total &+= r.serializedByteCount } }
        let checked = clock.measure {
            for start in stride(from: 0, to: rows.count, by: 500) {
                let batch = JSONValue.array(Array(rows[start..<min(rows.count, start + 500)]))
                if batch.serializedSize(exceeds: 262_144) { total &+= 1 }
            }
        }
        let written = clock.measure {
            for start in stride(from: 0, to: rows.count, by: 500) {
                let batch = JSONValue.array(Array(rows[start..<min(rows.count, start + 500)]))
                total &+= batch.serializedBytes().count
            }
        }
        print("\njson-walks: 227,000 CSV rows (28 string members), \(total / 2) bytes")
        for (name, d) in [("byte count", counted), ("quota check", checked), ("serialize", written)] {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            print(String(format: "  %-12@ %6.3f s  %6.0f MB/s", name as NSString, s, Double(total / 2) / s / 1e6))
        }
        try readCSV(columns: columns)
    }

    /// The watcher's ETag of the object (MD5 over its bytes, read in 1 MiB chunks as ContentHasher reads), against
    /// coreutils' `md5sum` of the same file, which must print the same digest; best of 3 each.
    static func md5(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        var digest = ""
        var ours = Duration.seconds(1_000)
        for _ in 0..<3 {
            ours = min(
                ours,
                clock.measure {
                    var hash = MD5()
                    data.withUnsafeBytes { bytes in
                        var offset = 0
                        while offset < bytes.count {
                            let end = min(bytes.count, offset + 1 << 20)
                            hash.update(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                            offset = end
                        }
                    }
                    digest = hash.finalizeHex()
                }
            )
        }
        var theirs = Duration.seconds(1_000)
        var printed = ""
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/md5sum")
            process.arguments = [path]
            let pipe = Pipe()
            process.standardOutput = pipe
            let began = clock.now
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            theirs = min(theirs, clock.now - began)
            printed = String(decoding: output.prefix(32), as: UTF8.self)
        }
        guard printed == digest else { throw BenchError("MD5 \(digest) differs from md5sum's \(printed)") }
        let megabytes = Double(data.count) / 1e6
        let (a, b) = (Figures.seconds(ours), Figures.seconds(theirs))
        print(
            String(
                format: "  MD5 (ETag)   %6.3f s  %6.0f MB/s; md5sum %.3f s (%.0f MB/s, with its start and read): "
                    + "%.2f of its time",
                a,
                megabytes / a,
                b,
                megabytes / b,
                a / b
            )
        )
    }

    /// The same rows as a CSV object read through the ItemReader, alone and with each batch of 500 serialized as a
    /// request line would be: the sluice side of the Distributed Map benchmark without the workers.
    static func readCSV(columns: [String]) throws {
        let root = NSTemporaryDirectory() + "sluice-bench-csv-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
        var text = columns.joined(separator: ",") + "\n"
        for i in 0..<227_000 {
            let cells =
                [
                    String(i), "company-\(i)", "company-\(i).example.com", "utilities", "CN", "1998", String(i % 5000),
                    "1198675.29",
                ]
                + (0..<20).map { String(($0 + i) % 11) }
            text += cells.joined(separator: ",") + "\n"
        }
        try text.write(toFile: root + "/inbox/companies.csv", atomically: true, encoding: .utf8)
        try md5(root + "/inbox/companies.csv")
        let request = ItemReaderRequest(
            resource: "arn:aws:states:::s3:getObject",
            parameters: ["Bucket": "inbox", "Key": "companies.csv"],
            readerConfig: ["InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"]
        )
        let buckets = BucketStore(bucketsDirectory: root)
        let clock = ContinuousClock()
        // Five rounds each: one pass moves by a fifth on this shared machine; the least and the median are steadier.
        for serialize in [false, true] {
            var times: [Double] = []
            for _ in 0..<5 {
                var bytes = 0
                let took = try clock.measure {
                    let source = try ItemReaders.open(request, buckets: buckets)
                    while true {
                        let items = try source.next(500)
                        if items.isEmpty { break }
                        if serialize { bytes &+= JSONValue.array(items).serializedBytes().count }
                    }
                }
                times.append(Figures.seconds(took))
            }
            times.sort()
            print(
                String(
                    format: "  %-12@ %6.3f s least, %.3f s median of 5 (%.2f µs a row)",
                    (serialize ? "CSV+serialize" : "CSV read") as NSString,
                    times[0],
                    times[2],
                    times[2] / 227_000 * 1e6
                )
            )
        }
    }
}
