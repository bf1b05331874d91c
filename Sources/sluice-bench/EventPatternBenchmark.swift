import SluiceJSON
import SluicePatterns

/// One S3 "Object Created" event against 1,000 rules, compiled once versus compiled again for every event (a naive
/// matcher that re-reads the pattern text each time). Target: under 1 ms per event for the 1,000 compiled rules
/// in a release build.
enum EventPatternBenchmark {
    static let ruleCount = 1_000

    static func run() throws {
        let event = Self.event()
        let texts = (0..<ruleCount).map(Self.patternText)
        let patterns = try texts.map { try EventPattern(text: $0) }

        // Compiled: flatten the event once, then match it against every compiled pattern.
        let compiledRounds = 300
        var compiledMatches = 0
        let clock = ContinuousClock()
        let compiledTime = clock.measure {
            for _ in 0..<compiledRounds {
                let flattened = FlattenedEvent(event)
                for pattern in patterns where pattern.matches(flattened) { compiledMatches += 1 }
            }
        }

        // Naive: read and check every pattern text again for every event.
        let naiveRounds = 10
        var naiveMatches = 0
        let naiveTime = try clock.measure {
            for _ in 0..<naiveRounds {
                for text in texts where try EventPattern(text: text).matches(event) { naiveMatches += 1 }
            }
        }
        guard compiledMatches / compiledRounds == naiveMatches / naiveRounds, naiveMatches > 0 else {
            throw BenchError("the compiled and naive matchers disagree")
        }

        let compiledPerEvent = Figures.seconds(compiledTime) / Double(compiledRounds)
        let naivePerEvent = Figures.seconds(naiveTime) / Double(naiveRounds)
        print("")
        print("event-pattern: one S3 event against \(ruleCount) rules (\(compiledMatches / compiledRounds) match)")
        print(
            "  compiled  \(format(compiledPerEvent * 1e6)) µs/event  (\(format(1 / compiledPerEvent)) events/s)"
                + "  target < 1 ms: \(compiledPerEvent < 0.001 ? "met" : "MISSED")"
        )
        print("  naive     \(format(naivePerEvent * 1e6)) µs/event  (\(format(1 / naivePerEvent)) events/s)")
        print("  ratio     compiled matching is \(format(naivePerEvent / compiledPerEvent))x faster")
    }

    /// Rules in the shape of the shipped example, varied so that a few match and most fail at different fields.
    static func patternText(_ n: Int) -> String {
        let bucket = n % 50 == 0 ? "inbox" : "bucket-\(n % 97)"
        let prefix = n % 3 == 0 ? "companies/" : "folder-\(n % 7)/"
        switch n % 4 {
        case 0:
            return #"""
                {"source": ["aws.s3"], "detail-type": ["Object Created"],
                 "detail": {"bucket": {"name": ["\#(bucket)"]}, "object": {"key": [{"prefix": "\#(prefix)"}]}}}
                """#
        case 1:
            return #"""
                {"source": ["aws.s3"], "detail": {"bucket": {"name": ["\#(bucket)"]},
                 "object": {"key": [{"suffix": ".csv"}], "size": [{"numeric": [">", \#(n), "<=", 1000000000]}]}}}
                """#
        case 2:
            return #"""
                {"source": [{"prefix": "aws."}], "detail": {"$or": [{"reason": [{"anything-but": ["DeleteObject"]}]},
                 {"object": {"key": [{"wildcard": "\#(prefix)*/*.csv"}]}}], "bucket": {"name": ["\#(bucket)"]}}}
                """#
        default:
            return #"""
                {"detail-type": [{"equals-ignore-case": "object created"}], "resources": ["arn:aws:s3:::\#(bucket)"],
                 "detail": {"source-ip-address": [{"cidr": "10.\#(n % 256).0.0/16"}], "requester": [{"exists": true}]}}
                """#
        }
    }

    static func event() -> JSONValue {
        [
            "version": "0", "id": "17793124-05d4-b198-2fde-7ededc63b103", "detail-type": "Object Created",
            "source": "aws.s3", "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "local",
            "resources": ["arn:aws:s3:::inbox"],
            "detail": [
                "version": "0", "bucket": ["name": "inbox"],
                "object": [
                    "key": "companies/2026/batch.csv", "size": 5_242_880,
                    "etag": "b1946ac92492d2347c6235b4d2611184", "sequencer": "00617F08299329D189",
                ],
                "request-id": "N4N7GDK58NMKJ12R", "requester": "000000000000", "source-ip-address": "10.0.138.1",
                "reason": "PutObject",
            ],
        ]
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String((value * 100).rounded() / 100)
    }
}
