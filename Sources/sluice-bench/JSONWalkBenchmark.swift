import Foundation
import SluiceBucket
import SluiceJSON

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
        let request = ItemReaderRequest(
            resource: "arn:aws:states:::s3:getObject",
            parameters: ["Bucket": "inbox", "Key": "companies.csv"],
            readerConfig: ["InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"]
        )
        let buckets = BucketStore(bucketsDirectory: root)
        let clock = ContinuousClock()
        for serialize in [false, true] {
            var bytes = 0
            let took = try clock.measure {
                let source = try ItemReaders.open(request, buckets: buckets)
                while true {
                    let items = try source.next(500)
                    if items.isEmpty { break }
                    if serialize { bytes &+= JSONValue.array(items).serializedBytes().count }
                }
            }
            let s = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
            print(String(format: "  %-12@ %6.3f s", (serialize ? "CSV+serialize" : "CSV read") as NSString, s))
        }
    }
}
