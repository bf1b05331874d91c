import Foundation
import SluiceTesting
import SluiceVocabulary
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A restart with other settings does not make a resumed execution's replay diverge (issue 19): the journal, not
/// the order in which workers happened to finish, decides what is replayed.
extension CrashRecoveryTests {
    @Test(
        "SIGKILLed mid-run, restarted with MaxWorkers 4 → 1 and back: the map run finishes, each item once",
        .timeLimit(.minutes(3))
    )
    func restartWithOtherMaxWorkers() async throws {
        let root = try Root()
        defer { root.remove() }
        try crashPipeline(root)
        // The children call a persistent function (4 at a time at first) instead of napping.
        try root.write(
            "etc/sluice/functions/echo.py",
            """
            import json, sys, time
            for line in sys.stdin:
                request = json.loads(line)
                with open("\(root.path)/calls", "a") as f:
                    f.write("x\\n")
                time.sleep(0.2)
                sys.stdout.write(json.dumps({"requestId": request["requestId"], "result": request["payload"]["Items"]}) + "\\n")
                sys.stdout.flush()

            """
        )
        try root.write(
            "etc/sluice/functions/echo.json",
            #"{"Command": ["python3", "echo.py"], "Runtime": "persistent", "Timeout": 60}"#
        )
        let machine = try #require(root.read("etc/sluice/state-machines/crash.asl.json"))
        try root.write(
            "etc/sluice/state-machines/crash.asl.json",
            machine.replacingOccurrences(
                of: #""Nap": {"Type": "Wait", "Seconds": 2, "Next": "Out"},"#,
                with: #""Nap": {"Type": "Task", "Resource": "echo", "ResultPath": "$.Items", "Next": "Out"},"#
            ).replacingOccurrences(of: #""MaxItemsPerBatch": 2500"#, with: #""MaxItemsPerBatch": 50"#)
                .replacingOccurrences(of: #""MaxConcurrency": 4"#, with: #""MaxConcurrency": 8"#)
        )
        func settings(_ workers: Int) throws {
            try root.write(
                "etc/sluice/sluiced.json",
                #"{"Api": {"Listen": "127.0.0.1:0"}, "MaxWorkers": \#(workers)}"#
            )
        }
        try settings(4)
        let items = 3_000
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        // Padded so that a batch's results (50 items, ~5.6 KB) are over the 4 KiB from which the journal keeps an
        // event compressed: the replays after the kills read compressed entries back.
        let pad = String(repeating: "p", count: 100)
        try root.write(
            "var/lib/sluice/buckets/inbox/items.jsonl",
            (0..<items).map { "{\"n\":\($0),\"pad\":\"\(pad)\"}\n" }.joined()
        )
        for (calls, workers) in [(8, 1), (20, 4)] {
            try await waitFor(seconds: 60) { root.lines("calls") >= calls }
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            try settings(workers)
            (daemon, _) = try await launch(root)
        }
        try await waitFor(seconds: 120) { root.executions(status: .succeeded).count == 1 }
        #expect(root.executions().count == 1)
        let numbers = try root.succeededNumbers(under: "var/lib/sluice/buckets/results/crash")
        #expect(numbers.count == items)
        let missing = Set(0..<items).subtracting(numbers).sorted()
        var seen = Set<Int>()
        let twice = numbers.filter { !seen.insert($0).inserted }.sorted()
        #expect(
            missing.isEmpty && twice.isEmpty,
            "missing \(missing.prefix(20)) (\(missing.count)), twice \(twice.prefix(20)) (\(twice.count))"
        )
        try await stop(daemon)
    }
}
