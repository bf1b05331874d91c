import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// `sluice executions redrive` against sluiced: a Distributed Map whose function fails for some items is
/// fixed and redriven, and only the items that failed or never ran run again.
extension InProcessDaemonTests {
    @Test("A failed map run, fixed and redriven, runs only the failed and unprocessed items", .timeLimit(.minutes(1)))
    func redriveMapRun() async throws {
        let root = try DaemonRoot()
        let sluice = SluiceTool(root: root)
        defer { root.remove() }
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "check", "Arn": "arn:aws:states:local:000000000000:stateMachine:check",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"Key\": <key>}"}}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/check.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "inbox", "Key.$": "$.Key"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {"Check": {"Type": "Task", "Resource": "check", "End": true}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results", "Prefix": "checked"},
                               "WriterConfig": {"OutputType": "JSONL"}},
              "End": true}}}
            """#
        )
        // Items 7 and 13 fail while the file `broken` exists; every call is logged.
        try root.write(
            "etc/sluice/functions/check.sh",
            """
            #!/bin/sh
            payload=$(cat)
            n=$(printf '%s' "$payload" | tr -cd '0-9')
            echo "$n" >> "\(root.path)/calls"
            if [ -f "\(root.path)/broken" ] && { [ "$n" = 7 ] || [ "$n" = 13 ]; }; then
              echo '{"errorType": "BadItem", "errorMessage": "item '"$n"' is bad"}'; exit 1
            fi
            printf '%s\\n' "$payload"

            """,
            executable: true
        )
        try root.write(
            "etc/sluice/functions/check.json",
            #"{"Command": ["./check.sh"], "Runtime": "process", "Timeout": 120}"#
        )
        try root.write("broken", "")
        try FileManager.default.createDirectory(
            atPath: root.path + "/var/lib/sluice/buckets/results",
            withIntermediateDirectories: true
        )
        try await InProcessDaemon.run(on: root) { _ in
            try root.write("var/lib/sluice/buckets/inbox/items.jsonl", (0..<20).map { "{\"n\": \($0)}\n" }.joined())
            try await eventually("the execution FAILED") { root.executions(status: .failed).count == 1 }
            let calls = { (try? String(contentsOfFile: root.path + "/calls", encoding: .utf8)) ?? "" }
            // One at a time, so the run stopped at item 7 (no failures tolerated); 8 to 19 never ran.
            #expect(calls().split(separator: "\n") == (0...7).map { Substring(String($0)) })
            let failed = try #require(
                (try await sluice.json(["executions", "list"])["executions"] as? [[String: Any]])?.first
            )
            let arn = try #require(failed["executionArn"] as? String)
            let mapRunArn = try #require(
                (try await sluice.json(["map-runs", "list"])["mapRuns"] as? [[String: Any]])?.first?["mapRunArn"]
                    as? String
            )
            let folder =
                root.path + "/var/lib/sluice/buckets/results/checked/"
                + (mapRunArn.split(separator: ":").last.map(String.init) ?? "")
            // The failed run still wrote its results, as AWS does: the items that succeeded, the one that failed, and
            // the ones never run, each in its own file, all listed in the manifest.
            let written = try resultNumbers(in: folder)
            #expect(written["SUCCEEDED"] == Array(0...6))
            #expect(written["FAILED"] == [7])
            #expect(written["PENDING"] == Array(8...19))
            let failedManifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
            #expect(failedManifest.contains("FAILED_0.json") && failedManifest.contains("PENDING_0.json"))

            // Fixed; redriven.
            try FileManager.default.removeItem(atPath: root.path + "/broken")
            try FileManager.default.removeItem(atPath: root.path + "/calls")
            let answer = try await sluice.json(["executions", "redrive", arn])
            #expect(answer["redriveDate"] != nil)
            try await eventually("the redriven execution SUCCEEDED") { root.execution(arn)?.status == .succeeded }
            #expect(calls().split(separator: "\n") == (7...19).map { Substring(String($0)) })
            let described = try await sluice.json(["executions", "describe", arn])
            #expect(described["status"] as? String == "SUCCEEDED")
            #expect(described["redriveCount"] as? Int == 1)
            let events = try #require(
                try await sluice.json(["executions", "history", arn])["events"] as? [[String: Any]]
            )
            #expect(events.filter { $0["type"] as? String == "ExecutionRedriven" }.count == 1)
            #expect(events.contains { $0["type"] as? String == "MapRunRedriven" })
            // The same map run carried on; its result files hold every item once, and no FAILED file is left.
            #expect((try await sluice.json(["map-runs", "list"])["mapRuns"] as? [[String: Any]])?.count == 1)
            let run = try await sluice.json(["map-runs", "describe", mapRunArn])
            #expect(run["status"] as? String == "SUCCEEDED")
            #expect((run["itemCounts"] as? [String: Any])?["succeeded"] as? Int == 20)
            let rewritten = try resultNumbers(in: folder)
            #expect(rewritten["FAILED", default: []].isEmpty && rewritten["PENDING", default: []].isEmpty)
            #expect(rewritten["SUCCEEDED"] == Array(0..<20))
            let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
            #expect(!manifest.contains("FAILED_"))
            // A SUCCEEDED execution is not redriven.
            #expect(try await sluice.status(["executions", "redrive", arn]) == 2)
        }
    }

    /// The `"n"` of every item in the JSONL result files of one map run's folder, by file status (SUCCEEDED, FAILED,
    /// PENDING), sorted.
    func resultNumbers(in folder: String) throws -> [String: [Int]] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            !$0.hasPrefix(".") && $0 != "manifest.json"
        }
        var numbers: [String: [Int]] = [:]
        for file in files {
            let status = String(file.prefix { $0 != "_" })
            for line in try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n") {
                guard let r = line.range(of: #"\"n\": "#) ?? line.range(of: #"\"n\":"#) else { continue }
                numbers[status, default: []].append(Int(line[r.upperBound...].prefix { $0.isNumber }) ?? -1)
            }
        }
        return numbers.mapValues { $0.sorted() }
    }
}
