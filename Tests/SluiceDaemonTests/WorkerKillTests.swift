import Foundation
import SluiceTesting
import Testing

/// Workers killed under sluiced: a batch whose worker is SIGKILLed is retried on a fresh worker and the run ends
/// with every item once; StopExecution stops the workers of the execution it stops.
extension DaemonEndToEndTests {
    /// A persistent function that logs its pid per request, naps, and answers with the batch's items. The second
    /// request of all naps 30 s, so that the test's SIGKILL lands mid-batch however slowly the test gets to it (a
    /// short nap let a loaded machine finish the run first).
    func napWorker(_ root: Root) throws {
        try root.write(
            "etc/sluice/functions/nap.py",
            """
            import json, os, sys, time
            for line in sys.stdin:
                request = json.loads(line)
                with open("\(root.path)/worker-pids", "a") as f:
                    f.write("%d\\n" % os.getpid())
                with open("\(root.path)/worker-pids") as f:
                    second = len(f.read().split()) == 2
                time.sleep(30 if second else 0.3)
                sys.stdout.write(json.dumps({"requestId": request["requestId"], "result": request["payload"]["Items"]}) + "\\n")
                sys.stdout.flush()

            """
        )
        try root.write(
            "etc/sluice/functions/nap.json",
            #"{"Command": ["python3", "nap.py"], "Runtime": "persistent", "Timeout": 60, "ReservedConcurrency": 1}"#
        )
    }

    @Test("A worker SIGKILLed mid-batch: the batch is retried on a new worker, each item ends up once in the results")
    func workerKilledMidBatch() async throws {
        let root = try Root()
        defer { root.remove() }
        try napWorker(root)
        try root.write(
            "etc/sluice/state-machines/batches.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "inbox", "Key": "items.jsonl"}},
              "ItemBatcher": {"MaxItemsPerBatch": 10},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Nap", "States": {"Nap": {"Type": "Task", "Resource": "nap",
                  "Retry": [{"ErrorEquals": ["Runtime.ExitError"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}},
              "End": true}}}
            """#
        )
        try FileManager.default.createDirectory(
            atPath: root.path + "/var/lib/sluice/buckets/inbox",
            withIntermediateDirectories: true
        )
        try root.write("var/lib/sluice/buckets/inbox/items.jsonl", (0..<50).map { "{\"n\": \($0)}\n" }.joined())
        let (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let started = try sluiceJSON(root, ["start-execution", "batches"])
        let arn = try #require(started["executionArn"] as? String)
        let pids = { () -> [Int32] in
            ((try? String(contentsOfFile: root.path + "/worker-pids", encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { Int32($0) }
        }
        try await waitFor(seconds: 20) { pids().count >= 2 }
        let victim = try #require(pids().last)
        kill(victim, SIGKILL)
        try await waitFor(seconds: 60) {
            (try? sluiceJSON(root, ["executions", "describe", arn]))?["status"] as? String == "SUCCEEDED"
        }
        #expect(Set(pids()).count >= 2)
        let output = try #require(try sluiceJSON(root, ["executions", "describe", arn])["output"] as? String)
        let batches = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[String: Int]]])
        #expect(batches.flatMap { $0 }.compactMap { $0["n"] } == Array(0..<50))
        try await stop(daemon)
    }

    @Test("StopExecution stops the workers running the execution's tasks")
    func stopKillsWorkers() async throws {
        let root = try Root()
        defer { root.remove() }
        try root.write(
            "etc/sluice/functions/forever.sh",
            "#!/bin/sh\necho $$ > \"\(root.path)/forever-pid\"\nwhile read -r line; do sleep 300; done\n",
            executable: true
        )
        try root.write(
            "etc/sluice/functions/forever.json",
            #"{"Command": ["./forever.sh"], "Runtime": "persistent", "Timeout": 600}"#
        )
        try root.write(
            "etc/sluice/state-machines/stuck.asl.json",
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "forever", "End": true}}}"#
        )
        let (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let arn = try #require(try sluiceJSON(root, ["start-execution", "stuck"])["executionArn"] as? String)
        try await waitFor(seconds: 20) { FileManager.default.fileExists(atPath: root.path + "/forever-pid") }
        let pid = try #require(
            Int32(
                try String(contentsOfFile: root.path + "/forever-pid", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            )
        )
        #expect(kill(pid, 0) == 0)
        _ = try sluiceJSON(root, ["executions", "stop", arn])
        try await waitFor(seconds: 20) { kill(pid, 0) != 0 }
        #expect((try sluiceJSON(root, ["executions", "describe", arn]))["status"] as? String == "ABORTED")
        try await stop(daemon)
    }
}
