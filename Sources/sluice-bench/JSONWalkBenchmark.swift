import Foundation
import SluiceJSON

/// The three walks a Distributed Map batch gets in sluice (the batcher's byte count, the 256 KiB quota check on
/// the Task's Parameters, and the request line to the worker), timed alone over CSV-shaped rows: where the
/// `distributed-map` figure's CPU goes on sluice's side.
enum JSONWalkBenchmark {
    static func run() {
        let columns =
            ["company_id", "name", "domain", "sector", "country", "founded", "employees", "revenue"]
            + (0..<20).map { "answer_\($0)" }
        var layout = JSONObject()
        for c in columns { layout[c] = .null }
        var rows: [JSONValue] = []
        var values: [JSONValue] = []
        for i in 0..<227_000 {
            values =
                [
                    .string(String(i)), .string("company-\(i)"), .string("company-\(i).example.com"),
                    .string("utilities"),
                    .string("CN"), .string("1998"), .string(String(i % 5000)), .string("1198675.29"),
                ] + (0..<20).map { .string(String(($0 + i) % 11)) }
            rows.append(.object(JSONObject(layout: layout, values: &values)))
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
    }
}
