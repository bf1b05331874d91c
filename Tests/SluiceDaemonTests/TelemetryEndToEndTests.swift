import Foundation
import SluiceDaemon
import SluiceEngine
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import SluiceWorkers
import Testing

extension InProcessDaemonTests {
    @Test(
        "A Distributed Map leaves a point per second in sluice.db, and /metrics' counters agree with sluice.db",
        .timeLimit(.minutes(2))
    )
    func telemetryOfAMapRun() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.checkedMap()
        var settings = SluiceSettings.testing
        settings.maxWorkers = 4
        settings.api.listen = nil
        try await InProcessDaemon.run(on: root, settings: settings) { daemon in
            let items = (0..<30).map { $0 % 10 == 3 ? #"{"id": \#($0), "bad": true}"# : #"{"id": \#($0)}"# }
            try root.write("var/lib/sluice/buckets/inbox/items.jsonl", items.joined(separator: "\n") + "\n")
            try await eventually("the execution to end", within: .seconds(60)) {
                !root.executions(status: .succeeded).isEmpty
            }
            let run = try #require(root.mapRuns().first)
            #expect(run.itemsSucceeded == 27)
            #expect(run.itemsFailed == 3)
            let store = try #require(root.store())
            // The sampler's last point of the run, a second or so after its end.
            try await eventually("the run's last sample", within: .seconds(60)) {
                try store.mapRunSamples(mapRunArn: run.mapRunArn).last?.succeeded == 27
            }
            let points = try store.mapRunSamples(mapRunArn: run.mapRunArn)
            #expect(points.last?.failed == 3)
            #expect(points.last?.running == 0)
            // A point per second from the first to the last (the run lasts about 2 s: its children nap).
            #expect(points.count >= 2)
            #expect(points.map(\.t) == Array((points.first?.t ?? 0)...(points.last?.t ?? 0)))
            try await eventually("the function's samples to count every invocation", within: .seconds(60)) {
                let samples = try store.functionSamples(function: "check", from: 0, to: Int.max, step: 1)
                return samples.reduce(0) { $0 + $1.invocations } == 30
            }
            let seconds = try store.functionSamples(function: "check", from: 0, to: Int.max, step: 1)
            #expect(seconds.reduce(0) { $0 + $1.errors } == 3)
            #expect((seconds.map(\.concurrent).max() ?? 0) <= 2)
            #expect((seconds.map(\.concurrent).max() ?? 0) >= 1)
            let minutes = try store.functionSamples(function: "check", from: 0, to: Int.max, step: 60)
            #expect(minutes.reduce(0) { $0 + $1.invocations } == 30)
            #expect(minutes.reduce(0) { $0 + $1.throttles } == seconds.reduce(0) { $0 + $1.throttles })

            let live = daemon.telemetry.live
            let check = try #require(live.functions.first { $0.name == "check" })
            #expect(check.invocations == 30)
            #expect(check.errors == 3)
            #expect(check.reservedConcurrency == 2)
            #expect(check.concurrent == 0)
            #expect(live.workersMax == 4)
            #expect(live.mapRuns.isEmpty)

            let text = String(decoding: daemon.telemetry.exposition(), as: UTF8.self)
            let metrics = MetricsText(text)
            let succeeded = root.executions(status: .succeeded).count
            #expect(metrics.value(#"sluice_executions_succeeded_total{state_machine="checked"}"#) == Double(succeeded))
            #expect(metrics.value(#"sluice_executions_started_total{state_machine="checked"}"#) == 1)
            #expect(
                metrics.value(#"sluice_map_run_items_processed_total{state_machine="checked"}"#)
                    == Double(run.itemsSucceeded + run.itemsFailed)
            )
            #expect(
                metrics.value(#"sluice_map_run_items_failed_total{state_machine="checked"}"#) == Double(run.itemsFailed)
            )
            #expect(metrics.value(#"sluice_function_invocations_total{function="check"}"#) == 30)
            #expect(metrics.value(#"sluice_function_errors_total{function="check"}"#) == 3)
            #expect(metrics.value(#"sluice_function_duration_seconds_count{function="check"}"#) == 30)
            #expect(metrics.value(#"sluice_function_concurrent_executions{function="check"}"#) == 0)
            #expect(metrics.value("sluice_workers_max") == 4)
            #expect((metrics.value("sluice_journal_write_seconds_count") ?? 0) > 0)
            // Shown from the start; no burst here overflowed the watch's queue (sluice-bench burst counts one).
            #expect(metrics.value("sluice_bucket_watch_queue_overflows_total") == 0)
            // Every metric says what it mirrors, and only counts are shown (no item's content).
            #expect(metrics.families.allSatisfy { metrics.help[$0] != nil })
            #expect(!text.contains("\"bad\""))
            try parsedByPrometheusClient(text, root: root)
        }
    }

    /// The exposition parsed by Python's prometheus_client (the parser Prometheus's own tooling shares its format
    /// with), when the test's Python has it (`make test`'s environment, .ci/aws-clients.txt).
    private func parsedByPrometheusClient(_ text: String, root: DaemonRoot) throws {
        let python = ProcessInfo.processInfo.environment["SLUICE_PYTHON"] ?? ".build/aws-clients/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { return }
        try root.write("metrics.txt", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c",
            """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            families = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
            counted = sum(s.value for s in families["sluice_function_invocations"].samples
                          if s.name == "sluice_function_invocations_total" and s.labels.get("function") == "check")
            assert counted == 30, counted
            assert "Lambda Invocations" in families["sluice_function_invocations"].documentation
            assert families["sluice_function_duration_seconds"].type == "histogram"
            print("parsed", len(families))
            """,
            root.path + "/metrics.txt",
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if said.contains("No module named 'prometheus_client'") { return }
        #expect(process.terminationStatus == 0, "\(said)")
    }
}

extension DaemonRoot {
    /// Every object of bucket `inbox` (JSON lines) goes to state machine `checked`, whose Distributed Map calls
    /// function `check` (ReservedConcurrency 2) on each item in a child execution; `check` fails an item with
    /// `"bad"` and naps a little otherwise, so the run lasts a couple of seconds.
    func checkedMap() throws {
        try write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "checked", "Arn": "arn:aws:states:local:000000000000:stateMachine:checked",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"Key\": <key>}"}}]}
            """#
        )
        try write(
            "etc/sluice/state-machines/checked.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 6, "ToleratedFailureCount": 5,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "inbox", "Key.$": "$.Key"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {"Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "check", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}},
              "End": true}}}
            """#
        )
        try write(
            "etc/sluice/functions/check.sh",
            "#!/bin/sh\nin=$(cat)\ncase \"$in\" in *bad*) echo 'bad item' >&2; exit 3;; esac\nsleep 0.1\necho \"$in\"\n",
            executable: true
        )
        try write(
            "etc/sluice/functions/check.json",
            #"{"Command": ["./check.sh"], "Runtime": "process", "ReservedConcurrency": 2, "Timeout": 120}"#
        )
    }
}
