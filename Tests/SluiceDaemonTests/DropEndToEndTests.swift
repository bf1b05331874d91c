import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

extension InProcessDaemonTests {
    @Test(
        "Dropped files reach the subscriber, whatever their names; a broken rule file stops nothing",
        .timeLimit(.minutes(3))
    )
    func dropToSubscriber() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.pipeline()
        try root.write("etc/sluice/rules/broken.json", "{ this is not JSON")
        try root.write("etc/sluice/state-machines/broken.asl.json", #"{"StartAt": "Nowhere", "States": {}}"#)
        try await InProcessDaemon.run(on: root) { daemon in
            // A plain write, an atomic rename into place, a nested prefix made after start, unusual names.
            try root.write("var/lib/sluice/buckets/inbox/plain.txt", "one")
            try root.write("var/lib/sluice/buckets/inbox/.upload.tmp", "two")
            try root.move("var/lib/sluice/buckets/inbox/.upload.tmp", to: "var/lib/sluice/buckets/inbox/renamed.txt")
            try root.write("var/lib/sluice/buckets/inbox/deep/er/file with spaces ü.txt", "three")
            try root.write("var/lib/sluice/buckets/inbox/line\nbreak.txt", "four")
            let expected: Set = ["plain.txt", "renamed.txt", "deep/er/file with spaces ü.txt", "line\nbreak.txt"]
            try await eventually("four deliveries") { root.received == expected }
            #expect(root.received == expected)
            #expect(root.messages(in: "done").count == 4)
            #expect(daemon.log.contains("broken.json"))
        }
    }

    @Test("A subscriber that keeps failing ends in the dead-letter folder after its retries", .timeLimit(.minutes(3)))
    func deadLetter() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.pipeline()
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"""
            {"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(root.path)/fail.sh",
             "DeliveryPolicy": {"healthyRetryPolicy": {"numRetries": 2, "minDelayTarget": 0, "maxDelayTarget": 0}}}
            """#
        )
        try root.write("fail.sh", "#!/bin/sh\necho 'no thanks' >&2\nexit 3\n", executable: true)
        try await InProcessDaemon.run(on: root) { _ in
            try root.write("var/lib/sluice/buckets/inbox/doomed.txt", "x")
            try await eventually("a dead letter") { !root.files("var/lib/sluice/topics/done/dead-letter").isEmpty }
            let letters = root.files("var/lib/sluice/topics/done/dead-letter")
            #expect(letters.count == 1)
            let letter = try #require(root.read("var/lib/sluice/topics/done/dead-letter/" + letters[0]))
            #expect(letter.contains("no thanks"))
        }
    }

    @Test("Saving a rule file reloads without SIGHUP", .timeLimit(.minutes(3)))
    func reloadOnSave() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.pipeline()
        let rule = try #require(root.read("etc/sluice/rules/inbox.json"))
        try FileManager.default.removeItem(atPath: root.path + "/etc/sluice/rules/inbox.json")
        try await InProcessDaemon.run(on: root) { daemon in
            // An editor's way of saving: a hidden temporary file renamed into place.
            try root.write("etc/sluice/rules/.inbox.json.swp", rule)
            try root.move("etc/sluice/rules/.inbox.json.swp", to: "etc/sluice/rules/inbox.json")
            try await eventually("the reload", within: .seconds(60)) { daemon.log.contains("configuration reloaded") }
            try root.write("var/lib/sluice/buckets/inbox/after-save.txt", "x")
            try await eventually("the delivery") { root.received.contains("after-save.txt") }
            // The saved name (not the editor's temporary one) made the reload; the new rule routed the upload.
            #expect(daemon.log.contains("configuration changed (inbox.json): reloading"))
            #expect(!daemon.log.contains(".inbox.json.swp"))
            #expect(root.received == ["after-save.txt"])
            #expect(root.executions(status: .succeeded).count == 1)
        }
    }

    @Test("Function files reload too: new executions use the new version", .timeLimit(.minutes(3)))
    func functionReload() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.pipeline()
        try root.write(
            "etc/sluice/state-machines/note.asl.json",
            #"""
            {"StartAt": "Stamp", "States": {
              "Stamp": {"Type": "Task", "Resource": "stamp", "Next": "Publish"},
              "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.version"}, "End": true}}}
            """#
        )
        try root.write(
            "etc/sluice/functions/stamp.sh",
            "#!/bin/sh\necho \"{\\\"version\\\": \\\"$VERSION\\\"}\"\n",
            executable: true
        )
        try root.write(
            "etc/sluice/functions/stamp.json",
            #"{"Command": ["./stamp.sh"], "Environment": {"VERSION": "one"}, "Timeout": 120}"#
        )
        try await InProcessDaemon.run(on: root) { daemon in
            try root.write("var/lib/sluice/buckets/inbox/a.txt", "x")
            try await eventually("version one") { root.received.contains("one") }
            try root.write(
                "etc/sluice/functions/stamp.json",
                #"{"Command": ["./stamp.sh"], "Environment": {"VERSION": "two"}, "Timeout": 120}"#
            )
            try await eventually("the functions' reload", within: .seconds(60)) {
                daemon.log.contains("functions reloaded")
            }
            try root.write("var/lib/sluice/buckets/inbox/b.txt", "y")
            try await eventually("version two") { root.received.contains("two") }
            // The first upload ran the first version and the second the new one; each once.
            #expect(root.received == ["one", "two"])
            #expect(root.messages(in: "done").count == 2)
        }
    }

    @Test("sluice map-runs update raises a running map run's MaxConcurrency at once", .timeLimit(.minutes(3)))
    func mapRunUpdate() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.slowMap(maxConcurrency: 1)
        let sluice = SluiceTool(root: root)
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { _ in
            try root.write("var/lib/sluice/buckets/inbox/ten.jsonl", String(repeating: "{\"nap\": 600}\n", count: 10))
            try await eventually("a map run") { !root.mapRuns().isEmpty }
            let arn =
                try #require(try await sluice.json(["map-runs", "list"])["mapRuns"] as? [[String: Any]])
                .first?["mapRunArn"] as? String
            let run = try #require(arn)
            #expect(try await sluice.status(["map-runs", "update", run, "--max-concurrency", "10"]) == 0)
            // One child at a time could never have more than one running.
            try await eventually("two children running", within: .seconds(60)) {
                (root.store().flatMap { try? $0.mapRun(run) }?.childrenRunning ?? 0) >= 2
            }
            let described = try await sluice.json(["map-runs", "describe", run])
            #expect(described["maxConcurrency"] as? Int == 10)
            // The naps (long, so that a stalled machine cannot see them end before two run) end at once.
            clock.advance(by: .seconds(600))
            try await eventually("the run SUCCEEDED", within: .seconds(60)) {
                root.store().flatMap { try? $0.mapRun(run) }?.status == .succeeded
            }
        }
    }
}
