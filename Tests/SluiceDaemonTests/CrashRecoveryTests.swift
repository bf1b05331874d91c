import Foundation
import SluiceTesting
import Testing

/// The real sluiced killed with SIGKILL again and again while it works (a Distributed Map here, a burst of uploads
/// in BurstKillTests.swift, everything at once in KillCampaignTests.swift): one at a time, beside
/// DaemonEndToEndTests.
@Suite(.serialized)
struct CrashRecoveryTests: RealDaemonTesting {}

/// sluiced killed with SIGKILL again and again while a Distributed Map runs: every restart carries the execution on
/// from its journal, and at the end each item is in the result files exactly once and the completion message was
/// published once.
extension CrashRecoveryTests {
    func crashPipeline(_ root: Root) throws {
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "crash", "Arn": "arn:aws:states:local:000000000000:stateMachine:crash",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"Key\": <key>}"}}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/crash.asl.json",
            #"""
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "MaxConcurrency": 4,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                               "Parameters": {"Bucket": "inbox", "Key.$": "$.Key"}},
                "ItemBatcher": {"MaxItemsPerBatch": 2500},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Nap", "States": {
                    "Nap": {"Type": "Wait", "Seconds": 2, "Next": "Out"},
                    "Out": {"Type": "Pass", "OutputPath": "$.Items", "End": true}}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results", "Prefix": "crash"},
                                 "WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}},
                "Next": "Tell"},
              "Tell": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                       "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.ResultWriterDetails.Key"},
                       "End": true}}}
            """#
        )
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(root.path)/record.sh", "RawMessageDelivery": true}"#
        )
        // One file per MessageId: a message delivered twice with the same id is still one file; count lines too.
        try root.write(
            "record.sh",
            "#!/bin/sh\ncat > \"\(root.path)/out/$SLUICE_MESSAGE_ID\"\necho x >> \"\(root.path)/deliveries\"\n",
            executable: true
        )
        try FileManager.default.createDirectory(
            atPath: root.path + "/var/lib/sluice/buckets/results",
            withIntermediateDirectories: true
        )
    }

    @Test(
        "SIGKILLed again and again mid-run: the map run finishes, each item once in the results, one completion message",
        .timeLimit(.minutes(3))
    )
    func repeatedKills() async throws {
        let root = try Root()
        defer { root.remove() }
        try crashPipeline(root)
        // 40 batches, 4 at a time, 2 s each: about 20 s, long enough to be killed 10 times.
        let items = 100_000
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write(
            "var/lib/sluice/buckets/inbox/items.jsonl",
            (0..<items).map { "{\"n\":\($0)}\n" }.joined()
        )
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<10 {
            try await Task.sleep(for: .seconds(Double.random(in: 0.3...1.2, using: &generator)))
            let succeeded = try? sluiceJSON(root, ["executions", "list", "--status", "SUCCEEDED"])["executions"]
            if ((succeeded as? [[String: Any]]) ?? []).count == 1 { break }
            kills += 1
            (daemon, _) = try await killAndRestart(daemon, root)
        }
        #expect(kills == 10)
        try await waitFor(seconds: 90) {
            let done = try? sluiceJSON(root, ["executions", "list", "--status", "SUCCEEDED"])["executions"]
            return ((done as? [[String: Any]]) ?? []).count == 1
        }
        let all = try #require(try sluiceJSON(root, ["executions", "list"])["executions"] as? [[String: Any]])
        #expect(all.count == 1)
        let numbers = try root.succeededNumbers(under: "var/lib/sluice/buckets/results/crash")
        #expect(numbers.count == items)
        #expect(Set(numbers) == Set(0..<items))
        try await waitFor(seconds: 20) { !root.files("out").isEmpty }
        // Nothing left to do: a second completion message would have been delivered by now.
        try await waitFor(seconds: 10) { root.isIdle }
        #expect(root.files("out").count == 1)
        let manifest = try #require(
            root.files("out").first.flatMap {
                try? String(contentsOfFile: root.path + "/out/" + $0, encoding: .utf8)
            }
        )
        #expect(manifest.hasPrefix("crash/") && manifest.hasSuffix("/manifest.json"))
        try await stop(daemon)
    }
}
