import Foundation
import SluiceTesting
import Testing

/// The real `sluiced` binary on a temporary root, used only as a user would: files dropped into buckets, topic
/// folders and subscriber output read back. Only for what the binary shows and the in-process sluiced
/// (InProcessDaemonTests) cannot: SIGKILL and what a restart carries on, fault points, crash recovery, the lock
/// between two processes, signals, a relative root, the exit status.
@Suite(.serialized)
struct DaemonEndToEndTests: RealDaemonTesting {
    @Test(
        "SIGHUP reloads: a rule enabled later takes effect; a file broken later keeps its last good version",
        .timeLimit(.minutes(2))
    )
    func reload() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        let rule = try String(contentsOfFile: root.path + "/etc/sluice/rules/inbox.json", encoding: .utf8)
        try root.write(
            "etc/sluice/rules/inbox.json",
            rule.replacingOccurrences(of: "{\"EventPattern\"", with: "{\"State\": \"DISABLED\", \"EventPattern\"")
        )
        let (daemon, log) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/ignored.txt", "x")
        // Taken (recorded, with whatever it started) and nothing left to do: had it started anything, it would
        // have reached the subscriber by now.
        try await waitFor(seconds: 10) { root.recorded("inbox", "ignored.txt") && root.isIdle }
        #expect(received(root).isEmpty)
        try root.write("etc/sluice/rules/inbox.json", rule)
        kill(daemon.processIdentifier, SIGHUP)
        try await waitFor(seconds: 10) {
            logContains(log, "configuration reloaded")
        }
        try root.write("var/lib/sluice/buckets/inbox/noticed.txt", "y")
        try await waitFor(seconds: 30) { received(root).contains("noticed.txt") }
        #expect(!received(root).contains("ignored.txt"))
        // A rule file broken by an edit keeps its last good version.
        try root.write("etc/sluice/rules/inbox.json", "{ half-saved")
        let reloads = (try String(contentsOfFile: log, encoding: .utf8)).components(
            separatedBy: "configuration reloaded"
        ).count
        kill(daemon.processIdentifier, SIGHUP)
        try await waitFor(seconds: 10) {
            ((try? String(contentsOfFile: log, encoding: .utf8))?.components(separatedBy: "configuration reloaded")
                .count ?? 0)
                > reloads
        }
        try root.write("var/lib/sluice/buckets/inbox/still.txt", "z")
        try await waitFor(seconds: 30) { received(root).contains("still.txt") }
        try await stop(daemon)
    }

    @Test(
        "After a restart, objects that arrived while sluiced was down are reported once; the others not again",
        .timeLimit(.minutes(2))
    )
    func catchUpAfterRestart() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write("var/lib/sluice/buckets/inbox/before-first-start.txt", "0")
        var (daemon, _) = try await start(root)
        try root.write("var/lib/sluice/buckets/inbox/while-up.txt", "1")
        try await waitFor(seconds: 30) { received(root).contains("while-up.txt") }
        // kill -9: no chance to tidy up.
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        try root.write("var/lib/sluice/buckets/inbox/while-down.txt", "2")
        (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitFor(seconds: 30) { received(root).contains("while-down.txt") }
        // Objects are taken in order, the catch-up's first: once one dropped now has reached the subscriber and
        // nothing is left to do, any object of before reported again would have too.
        try root.write("var/lib/sluice/buckets/inbox/after-restart.txt", "3")
        try await waitFor(seconds: 30) { received(root).contains("after-restart.txt") && root.isIdle }
        let messages = root.files("out").compactMap {
            try? String(contentsOfFile: root.path + "/out/" + $0, encoding: .utf8)
        }
        #expect(messages.sorted() == ["after-restart.txt", "while-down.txt", "while-up.txt"])
        try await stop(daemon)
        // Stopped: `sluice status` says so (its pid is gone).
        #expect(try sluiceJSON(root, ["status"])["running"] as? Bool == false)
    }

    @Test(
        "A delivery still retrying when sluiced is killed is delivered after the restart, with the same MessageId",
        .timeLimit(.minutes(2))
    )
    func deliveryResumesAfterRestart() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"""
            {"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(root.path)/picky.sh",
             "RawMessageDelivery": true,
             "DeliveryPolicy": {"healthyRetryPolicy": {"numRetries": 50, "minDelayTarget": 4, "maxDelayTarget": 4}}}
            """#
        )
        // Fails until the file "ready" exists.
        try root.write(
            "picky.sh",
            "#!/bin/sh\n[ -f \"\(root.path)/ready\" ] || exit 1\ncat > \"\(root.path)/out/$SLUICE_MESSAGE_ID\"\n",
            executable: true
        )
        var (daemon, log) = try await start(root)
        try root.write("var/lib/sluice/buckets/inbox/patient.txt", "x")
        try await waitFor(seconds: 30) {
            !root.files("var/lib/sluice/topics/done").filter { $0.hasSuffix(".json") }.isEmpty
        }
        // Killed once the first attempt has failed and is recorded; the next is 4 s away.
        try await waitFor(seconds: 10) { root.deliveryRecords().contains { $0.contains(#""Attempts":1"#) } }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        _ = log
        try root.write("ready", "")
        (daemon, log) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitFor(seconds: 30) { !root.files("out").isEmpty }
        let published = root.files("var/lib/sluice/topics/done").filter { $0.hasSuffix(".json") }
        #expect(published.count == 1)
        #expect(root.files("out").count == 1)
        if let id = root.files("out").first { #expect(published.first?.hasSuffix(id + ".json") == true) }
        try await stop(daemon)
    }

    @Test(
        "Map runs and executions are in sluice.db with AWS's counters; one killed mid-run carries on after the restart",
        .timeLimit(.minutes(2))
    )
    func mapRunsRecorded() async throws {
        let root = try Root()
        defer { root.remove() }
        try slowMap(root, maxConcurrency: 2)
        var (daemon, _) = try await start(root)
        // 20 items of 1 s, two at a time: still running when it is killed.
        try root.write(
            "var/lib/sluice/buckets/inbox/long.jsonl",
            String(repeating: "{\"nap\": 1}\n", count: 20)
        )
        try await waitFor(seconds: 30) { ((try? mapRuns(root)) ?? []).contains { $0["stopDate"] == nil } }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let killed = try #require(try mapRuns(root).first)
        let killedArn = try #require(killed["mapRunArn"] as? String)
        // The killed execution resumes from its journal: its map run finishes every item, none twice.
        try await waitFor(seconds: 60) {
            (try? sluiceJSON(root, ["map-runs", "describe", killedArn]))?["status"] as? String == "SUCCEEDED"
        }
        let killedRun = try sluiceJSON(root, ["map-runs", "describe", killedArn])
        let killedItems = try #require(killedRun["itemCounts"] as? [String: Any])
        #expect(killedItems["succeeded"] as? Int == 20)
        #expect(killedItems["total"] as? Int == 20)
        try await waitFor(seconds: 30) {
            let done = try? sluiceJSON(root, ["executions", "list", "--status", "SUCCEEDED"])["executions"]
            return (done as? [[String: Any]])?.count == 1
        }

        try root.write("var/lib/sluice/buckets/inbox/short.jsonl", String(repeating: "{\"nap\": 0}\n", count: 5))
        try await waitFor(seconds: 30) {
            ((try? mapRuns(root)) ?? []).count == 2 && (try? mapRuns(root))?.first?["stopDate"] != nil
        }
        let runs = try mapRuns(root)
        let arn = try #require(runs.first?["mapRunArn"] as? String)
        #expect(arn.hasPrefix("arn:aws:states:local:000000000000:mapRun:slow/Each:"))
        #expect(runs.first?["stateMachineArn"] as? String == "arn:aws:states:local:000000000000:stateMachine:slow")
        let described = try sluiceJSON(root, ["map-runs", "describe", arn])
        #expect(described["status"] as? String == "SUCCEEDED")
        #expect(described["maxConcurrency"] as? Int == 2)
        #expect(described["toleratedFailureCount"] as? Int == 3)
        let items = try #require(described["itemCounts"] as? [String: Any])
        #expect(items["succeeded"] as? Int == 5)
        #expect(items["total"] as? Int == 5)
        #expect(items["running"] as? Int == 0)
        let children = try #require(described["executionCounts"] as? [String: Any])
        #expect(children["succeeded"] as? Int == 5)
        // Bad input is refused with exit status 2: a finished run, an unknown ARN, out-of-range values.
        #expect(try sluice(root, ["map-runs", "update", arn, "--max-concurrency", "3"]).status == 2)
        #expect(try sluice(root, ["map-runs", "describe", arn + "-unknown"]).status == 2)
        #expect(try sluice(root, ["map-runs", "update", arn, "--tolerated-failure-percentage", "101"]).status == 2)
        #expect(try sluice(root, ["map-runs", "watch", arn]).status == 0)
        // Executions: listed newest first, described and with their history in AWS's shapes.
        let executions = try #require(
            try sluiceJSON(root, ["executions", "list", "--state-machine", "slow"])["executions"] as? [[String: Any]]
        )
        #expect(executions.map { $0["status"] as? String } == ["SUCCEEDED", "SUCCEEDED"])
        let resumedArn = try #require(executions.last?["executionArn"] as? String)
        let resumed = try sluiceJSON(root, ["executions", "describe", resumedArn])
        #expect(
            resumed["output"] as? String == "[" + Array(repeating: #"{"nap":1}"#, count: 20).joined(separator: ",")
                + "]"
        )
        let resumedEvents = try #require(
            try sluiceJSON(root, ["executions", "history", resumedArn])["events"] as? [[String: Any]]
        )
        #expect(resumedEvents.filter { $0["type"] as? String == "ExecutionStarted" }.count == 1)
        #expect(resumedEvents.map { $0["id"] as? Int ?? 0 } == Array(1...resumedEvents.count))
        let executionArn = try #require(executions.first?["executionArn"] as? String)
        let execution = try sluiceJSON(root, ["executions", "describe", executionArn])
        #expect(execution["input"] as? String == #"{"Key":"short.jsonl"}"#)
        #expect(
            execution["output"] as? String == "[" + Array(repeating: #"{"nap":0}"#, count: 5).joined(separator: ",")
                + "]"
        )
        let events = try #require(
            try sluiceJSON(root, ["executions", "history", executionArn])["events"] as? [[String: Any]]
        )
        #expect(events.first?["type"] as? String == "ExecutionStarted")
        #expect(events.last?["type"] as? String == "ExecutionSucceeded")
        #expect(events.contains { $0["type"] as? String == "MapRunStarted" })
        #expect(try sluice(root, ["executions", "describe", executionArn + "-unknown"]).status == 2)
        #expect(try sluice(root, ["executions", "list", "--status", "DONE"]).status == 2)
        #expect(try sluice(root, ["executions", "history", executionArn]).status == 0)
        try await stop(daemon)
    }

}
