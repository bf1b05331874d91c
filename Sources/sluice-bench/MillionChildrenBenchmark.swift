import Foundation

/// Issue 19's million children (`sluice-bench million-children`): a JSONL object of 1,000,000 items dropped into a
/// bucket of the real sluiced starts a Distributed Map with no ItemBatcher, a Pass state as its ItemProcessor: one
/// child execution per item, as many AWS users write it. The results (ResultWriter, JSONL, COMPACT: one line per
/// child, its output, which is its item) must hold every item once; sluiced's peak RSS must stay under 200 MiB;
/// sluice.db's size is sampled during the run and after it. Any wrong count throws (exit 1).
enum MillionChildrenBenchmark {
    static let definition = #"""
        {"StartAt":"Map","States":{
          "Map":{"Type":"Map",
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
              "Parameters":{"Bucket":"items","Key.$":"$.key"}},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P",
              "States":{"P":{"Type":"Pass","End":true}}},
            "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"million"},
              "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}},
            "ResultPath":null,
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Failed"}],
            "Next":"Done"},
          "Done":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Parameters":{"TopicArn":"arn:aws:sns:local:000000000000:million","Message":"SUCCEEDED"},"End":true},
          "Failed":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Parameters":{"TopicArn":"arn:aws:sns:local:000000000000:million","Message.$":"States.JsonToString($.error)"},
            "End":true}}}
        """#

    static let rule = #"""
        {"EventPattern": {"source": ["aws.s3"], "detail": {"bucket": {"name": ["items"]}}},
         "Targets": [{"Id": "t", "Arn": "arn:aws:states:local:000000000000:stateMachine:million",
           "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
        """#

    static func run() throws {
        let items = Int(ProcessInfo.processInfo.environment["SLUICE_MILLION_ITEMS"] ?? "") ?? 1_000_000
        guard
            let daemon = try BenchDaemon.start(
                files: [
                    "etc/sluice/state-machines/million.asl.json": definition,
                    "etc/sluice/rules/million.json": rule,
                ],
                buckets: ["items", "results"]
            )
        else {
            print("\nmillion-children: sluiced not built (make bench builds it): skipped")
            return
        }
        defer { daemon.stop() }
        let staging = daemon.root + "/items.jsonl"
        try JSONLinesFile.write(items, to: staging) { #"{"id":\#($0)}"# }
        let rssBefore = daemon.rssMiB()
        let cpuBefore = daemon.cpuSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        guard rename(staging, daemon.root + "/var/lib/sluice/buckets/items/items.jsonl") == 0 else {
            throw BenchError("million-children: the drop's rename failed: errno \(errno)")
        }
        var largestDatabase = daemon.databaseMiB()
        var ended: [String] = []
        while ended.isEmpty, clock.now - start < .seconds(1800) {
            Thread.sleep(forTimeInterval: 0.25)
            largestDatabase = max(largestDatabase, daemon.databaseMiB())
            ended = daemon.messageTexts(topic: "million")
        }
        let seconds = Figures.seconds(clock.now - start)
        let cpu = daemon.cpuSeconds() - cpuBefore
        let peak = daemon.peakRSSMiB()
        guard ended == ["SUCCEEDED"] else {
            throw BenchError("million-children: the map run did not succeed: \(ended.first ?? "no end in 30 minutes")")
        }
        // After the run: what the journal's last group and the sampler add, then what stays.
        Thread.sleep(forTimeInterval: 3)
        largestDatabase = max(largestDatabase, daemon.databaseMiB())
        let finalDatabase = daemon.databaseMiB()
        let children =
            daemon.query("SELECT count(*), count(DISTINCT name), sum(status = 'SUCCEEDED') FROM childExecution") ?? []
        let results = try ResultCheck(folder: daemon.root + "/var/lib/sluice/buckets/results/million", items: items)
        print("")
        print("million-children: Distributed Map over \(items) JSONL items, no ItemBatcher, Pass children (sluiced)")
        print(
            String(
                format: "  %.1f s from the drop to the end: %.0f children/s; sluiced %.1f CPU-s (%.1f µs a child)",
                seconds,
                Double(items) / seconds,
                cpu,
                cpu / Double(items) * 1e6
            )
        )
        print(
            String(
                format: "  sluiced peak RSS %.1f MiB (%.1f before the drop), target < 200 MiB: %@;"
                    + " sluice.db %.1f MiB at most, %.1f MiB after",
                peak,
                rssBefore,
                peak < 200 ? "met" : "MISSED",
                largestDatabase,
                finalDatabase
            )
        )
        print(
            "  results: \(results.lines) lines in \(results.files) SUCCEEDED file(s), \(results.distinct) distinct "
                + "items, \(results.other) other file(s); childExecution rows \(children)"
        )
        guard results.lines == items, results.distinct == items, results.other == 0 else {
            throw BenchError("million-children: the results do not hold each of the \(items) items once")
        }
        guard peak < 200 else { throw BenchError("million-children: peak RSS \(peak) MiB ≥ 200 MiB") }
    }
}
