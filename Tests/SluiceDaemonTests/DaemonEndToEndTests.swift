import Foundation
import Testing

/// The real `sluiced` binary on a temporary root, used only as a user would: files dropped into buckets, topic
/// folders and subscriber output read back.
@Suite(.serialized)
struct DaemonEndToEndTests {
    /// The package's build folder (the tests run from a build of the same package).
    static let binary: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/sluiced").path
    }()

    struct Root {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "sluiced-e2e-" + UUID().uuidString
            for dir in [
                "etc/sluice/state-machines", "etc/sluice/rules", "etc/sluice/subscriptions", "etc/sluice/functions",
                "var/lib/sluice/buckets/inbox", "out",
            ] {
                try FileManager.default.createDirectory(atPath: path + "/" + dir, withIntermediateDirectories: true)
            }
        }

        func write(_ relative: String, _ text: String, executable: Bool = false) throws {
            let file = path + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            if executable { chmod(file, 0o755) }
        }

        func files(_ relative: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + relative)) ?? []).sorted()
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Starts sluiced on a fresh log and waits until it says it is ready.
    func start(_ root: Root) throws -> (Process, String) {
        _ = FileManager.default.createFile(atPath: root.path + "/sluiced.log", contents: nil)
        return try launch(root)
    }

    /// Starts sluiced with its log appended to the root's sluiced.log (one log across restarts) and waits until it
    /// says it is ready; `fault` arms a fault point (SLUICE_FAULT); `relative` gives the root as a path relative to
    /// its parent folder, sluiced's working folder.
    func launch(_ root: Root, fault: String? = nil, relative: Bool = false) throws -> (Process, String) {
        let log = root.path + "/sluiced.log"
        if !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--root", root.path]
        if relative {
            process.currentDirectoryURL = URL(fileURLWithPath: (root.path as NSString).deletingLastPathComponent)
            process.arguments = ["--root", (root.path as NSString).lastPathComponent]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SLUICE_FAULT"] = fault
        process.environment = environment
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        let readyBefore =
            (try? String(contentsOfFile: log, encoding: .utf8))?.components(separatedBy: "sluiced ready")
            .count ?? 1
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try waitFor(seconds: 20) {
            ((try? String(contentsOfFile: log, encoding: .utf8))?.components(separatedBy: "sluiced ready").count ?? 0)
                > readyBefore
        }
        return (process, log)
    }

    /// Whether sluiced's log at `log` says `text` yet.
    func logContains(_ log: String, _ text: String) -> Bool {
        (try? String(contentsOfFile: log, encoding: .utf8))?.contains(text) == true
    }

    func waitFor(seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { throw WaitError() }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct WaitError: Error {}

    /// A rule sending every object of bucket `inbox` to state machine `note`, which publishes the key to topic
    /// `done`, whose subscriber writes what it gets into out/.
    func pipeline(_ root: Root) throws {
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "note", "Arn": "arn:aws:states:local:000000000000:stateMachine:note",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/note.asl.json",
            #"""
            {"StartAt": "Publish", "States": {"Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.key"}, "End": true}}}
            """#
        )
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(root.path)/record.sh", "RawMessageDelivery": true}"#
        )
        try root.write("record.sh", "#!/bin/sh\ncat > \"\(root.path)/out/$SLUICE_MESSAGE_ID\"\n", executable: true)
    }

    func received(_ root: Root) -> Set<String> {
        Set(root.files("out").compactMap { try? String(contentsOfFile: root.path + "/out/" + $0, encoding: .utf8) })
    }

    @Test(
        "Dropped files reach the subscriber, whatever their names; a broken rule file stops nothing",
        .timeLimit(.minutes(2))
    )
    func dropToSubscriber() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write("etc/sluice/rules/broken.json", "{ this is not JSON")
        try root.write("etc/sluice/state-machines/broken.asl.json", #"{"StartAt": "Nowhere", "States": {}}"#)
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        // A plain write, an atomic rename into place, a nested prefix made after start, unusual names.
        try root.write("var/lib/sluice/buckets/inbox/plain.txt", "one")
        try root.write("var/lib/sluice/buckets/inbox/.upload.tmp", "two")
        try FileManager.default.moveItem(
            atPath: root.path + "/var/lib/sluice/buckets/inbox/.upload.tmp",
            toPath: root.path + "/var/lib/sluice/buckets/inbox/renamed.txt"
        )
        try root.write("var/lib/sluice/buckets/inbox/deep/er/file with spaces ü.txt", "three")
        try root.write("var/lib/sluice/buckets/inbox/line\nbreak.txt", "four")
        let expected: Set = ["plain.txt", "renamed.txt", "deep/er/file with spaces ü.txt", "line\nbreak.txt"]
        try waitFor(seconds: 30) { received(root) == expected }
        #expect(received(root) == expected)
        #expect(root.files("var/lib/sluice/topics/done").filter { $0.hasSuffix(".json") }.count == 4)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("broken.json"))
        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
    }

    @Test("A subscriber that keeps failing ends in the dead-letter folder after its retries", .timeLimit(.minutes(2)))
    func deadLetter() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"""
            {"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(root.path)/fail.sh",
             "DeliveryPolicy": {"healthyRetryPolicy": {"numRetries": 2, "minDelayTarget": 0, "maxDelayTarget": 0}}}
            """#
        )
        try root.write("fail.sh", "#!/bin/sh\necho 'no thanks' >&2\nexit 3\n", executable: true)
        let (daemon, _) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/doomed.txt", "x")
        try waitFor(seconds: 30) { !root.files("var/lib/sluice/topics/done/dead-letter").isEmpty }
        let letters = root.files("var/lib/sluice/topics/done/dead-letter")
        #expect(letters.count == 1)
        let letter = try String(
            contentsOfFile: root.path + "/var/lib/sluice/topics/done/dead-letter/" + letters[0],
            encoding: .utf8
        )
        #expect(letter.contains("no thanks"))
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test(
        "SIGHUP reloads: a rule enabled later takes effect; a file broken later keeps its last good version",
        .timeLimit(.minutes(2))
    )
    func reload() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        let rule = try String(contentsOfFile: root.path + "/etc/sluice/rules/inbox.json", encoding: .utf8)
        try root.write(
            "etc/sluice/rules/inbox.json",
            rule.replacingOccurrences(of: "{\"EventPattern\"", with: "{\"State\": \"DISABLED\", \"EventPattern\"")
        )
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/ignored.txt", "x")
        Thread.sleep(forTimeInterval: 1)
        #expect(received(root).isEmpty)
        try root.write("etc/sluice/rules/inbox.json", rule)
        kill(daemon.processIdentifier, SIGHUP)
        try waitFor(seconds: 10) {
            logContains(log, "configuration reloaded")
        }
        try root.write("var/lib/sluice/buckets/inbox/noticed.txt", "y")
        try waitFor(seconds: 30) { received(root).contains("noticed.txt") }
        #expect(!received(root).contains("ignored.txt"))
        // A rule file broken by an edit keeps its last good version.
        try root.write("etc/sluice/rules/inbox.json", "{ half-saved")
        let reloads = (try String(contentsOfFile: log, encoding: .utf8)).components(
            separatedBy: "configuration reloaded"
        ).count
        kill(daemon.processIdentifier, SIGHUP)
        try waitFor(seconds: 10) {
            ((try? String(contentsOfFile: log, encoding: .utf8))?.components(separatedBy: "configuration reloaded")
                .count ?? 0)
                > reloads
        }
        try root.write("var/lib/sluice/buckets/inbox/still.txt", "z")
        try waitFor(seconds: 30) { received(root).contains("still.txt") }
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test("Saving a rule file reloads without SIGHUP", .timeLimit(.minutes(2)))
    func reloadOnSave() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        let rule = try String(contentsOfFile: root.path + "/etc/sluice/rules/inbox.json", encoding: .utf8)
        try FileManager.default.removeItem(atPath: root.path + "/etc/sluice/rules/inbox.json")
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        // An editor's way of saving: a hidden temporary file renamed into place.
        try root.write("etc/sluice/rules/.inbox.json.swp", rule)
        try FileManager.default.moveItem(
            atPath: root.path + "/etc/sluice/rules/.inbox.json.swp",
            toPath: root.path + "/etc/sluice/rules/inbox.json"
        )
        try waitFor(seconds: 10) {
            logContains(log, "configuration reloaded")
        }
        try root.write("var/lib/sluice/buckets/inbox/after-save.txt", "x")
        try waitFor(seconds: 30) { received(root).contains("after-save.txt") }
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test(
        "A target whose state machine is missing is retried per its RetryPolicy, so one saved later gets the event",
        .timeLimit(.minutes(2))
    )
    func targetRetry() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        let machine = try String(
            contentsOfFile: root.path + "/etc/sluice/state-machines/note.asl.json",
            encoding: .utf8
        )
        try FileManager.default.removeItem(atPath: root.path + "/etc/sluice/state-machines/note.asl.json")
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/early.txt", "x")
        try waitFor(seconds: 10) { logContains(log, "retrying") }
        try root.write("etc/sluice/state-machines/note.asl.json", machine)
        try waitFor(seconds: 30) { received(root).contains("early.txt") }
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test("Function files reload too: new executions use the new version", .timeLimit(.minutes(2)))
    func functionReload() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
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
            #"{"Command": ["./stamp.sh"], "Environment": {"VERSION": "one"}}"#
        )
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/a.txt", "x")
        try waitFor(seconds: 30) { received(root).contains("one") }
        try root.write(
            "etc/sluice/functions/stamp.json",
            #"{"Command": ["./stamp.sh"], "Environment": {"VERSION": "two"}}"#
        )
        try waitFor(seconds: 10) {
            logContains(log, "functions reloaded")
        }
        try root.write("var/lib/sluice/buckets/inbox/b.txt", "y")
        try waitFor(seconds: 30) { received(root).contains("two") }
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test(
        "After a restart, objects that arrived while sluiced was down are reported once; the others not again",
        .timeLimit(.minutes(2))
    )
    func catchUpAfterRestart() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write("var/lib/sluice/buckets/inbox/before-first-start.txt", "0")
        var (daemon, _) = try start(root)
        try root.write("var/lib/sluice/buckets/inbox/while-up.txt", "1")
        try waitFor(seconds: 30) { received(root).contains("while-up.txt") }
        // kill -9: no chance to tidy up.
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        try root.write("var/lib/sluice/buckets/inbox/while-down.txt", "2")
        (daemon, _) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try waitFor(seconds: 30) { received(root).contains("while-down.txt") }
        Thread.sleep(forTimeInterval: 1)
        let messages = root.files("out").compactMap {
            try? String(contentsOfFile: root.path + "/out/" + $0, encoding: .utf8)
        }
        #expect(messages.sorted() == ["while-down.txt", "while-up.txt"])
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test(
        "A delivery still retrying when sluiced is killed is delivered after the restart, with the same MessageId",
        .timeLimit(.minutes(2))
    )
    func deliveryResumesAfterRestart() throws {
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
        var (daemon, log) = try start(root)
        try root.write("var/lib/sluice/buckets/inbox/patient.txt", "x")
        try waitFor(seconds: 30) { !root.files("var/lib/sluice/topics/done").filter { $0.hasSuffix(".json") }.isEmpty }
        Thread.sleep(forTimeInterval: 0.5)  // the first attempt has failed; the next is 4 s away
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        _ = log
        try root.write("ready", "")
        (daemon, log) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try waitFor(seconds: 30) { !root.files("out").isEmpty }
        let published = root.files("var/lib/sluice/topics/done").filter { $0.hasSuffix(".json") }
        #expect(published.count == 1)
        #expect(root.files("out").count == 1)
        if let id = root.files("out").first { #expect(published.first?.hasSuffix(id + ".json") == true) }
        daemon.terminate()
        daemon.waitUntilExit()
    }

    /// Runs `sluice ARGS --root ROOT`: its exit status and what it printed.
    func sluice(_ root: Root, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let run = try sluiceRun(root, arguments)
        return (run.status, run.output)
    }

    /// Runs `sluice ARGS --root ROOT`: its exit status, what it printed and what it said on stderr.
    func sluiceRun(_ root: Root, _ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: (Self.binary as NSString).deletingLastPathComponent + "/sluice")
        process.arguments = arguments + ["--root", root.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        // A file, not a second pipe: reading one pipe to its end while the other fills would block both sides.
        let errorsFile = root.path + "/sluice-stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errorsFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorsFile) }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsFile))
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOfFile: errorsFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, data, errors)
    }

    /// `sluice ARGS --root ROOT --json`, parsed.
    func sluiceJSON(_ root: Root, _ arguments: [String]) throws -> [String: Any] {
        let data = try sluice(root, arguments + ["--json"]).output
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    func mapRuns(_ root: Root) throws -> [[String: Any]] {
        try sluiceJSON(root, ["map-runs", "list"])["mapRuns"] as? [[String: Any]] ?? []
    }

    /// Every object of bucket `inbox` (JSON lines `{"nap": seconds}`) goes to state machine `slow`, whose
    /// Distributed Map naps each item in a child execution.
    func slowMap(_ root: Root, maxConcurrency: Int) throws {
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "slow", "Arn": "arn:aws:states:local:000000000000:stateMachine:slow",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"Key\": <key>}"}}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/slow.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": \#(maxConcurrency), "ToleratedFailureCount": 3,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "inbox", "Key.$": "$.Key"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "SecondsPath": "$.nap", "End": true}}},
              "End": true}}}
            """#
        )
    }

    @Test(
        "Map runs and executions are in sluice.db with AWS's counters; one killed mid-run carries on after the restart",
        .timeLimit(.minutes(2))
    )
    func mapRunsRecorded() throws {
        let root = try Root()
        defer { root.remove() }
        try slowMap(root, maxConcurrency: 2)
        var (daemon, _) = try start(root)
        // 20 items of 1 s, two at a time: still running when it is killed.
        try root.write(
            "var/lib/sluice/buckets/inbox/long.jsonl",
            String(repeating: "{\"nap\": 1}\n", count: 20)
        )
        try waitFor(seconds: 30) { ((try? mapRuns(root)) ?? []).contains { $0["stopDate"] == nil } }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        (daemon, _) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let killed = try #require(try mapRuns(root).first)
        let killedArn = try #require(killed["mapRunArn"] as? String)
        // The killed execution resumes from its journal: its map run finishes every item, none twice.
        try waitFor(seconds: 60) {
            (try? sluiceJSON(root, ["map-runs", "describe", killedArn]))?["status"] as? String == "SUCCEEDED"
        }
        let killedRun = try sluiceJSON(root, ["map-runs", "describe", killedArn])
        let killedItems = try #require(killedRun["itemCounts"] as? [String: Any])
        #expect(killedItems["succeeded"] as? Int == 20)
        #expect(killedItems["total"] as? Int == 20)
        try waitFor(seconds: 30) {
            let done = try? sluiceJSON(root, ["executions", "list", "--status", "SUCCEEDED"])["executions"]
            return (done as? [[String: Any]])?.count == 1
        }

        try root.write("var/lib/sluice/buckets/inbox/short.jsonl", String(repeating: "{\"nap\": 0}\n", count: 5))
        try waitFor(seconds: 30) {
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
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test("sluice map-runs update raises a running map run's MaxConcurrency at once", .timeLimit(.minutes(2)))
    func mapRunUpdate() throws {
        let root = try Root()
        defer { root.remove() }
        try slowMap(root, maxConcurrency: 1)
        let (daemon, _) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/ten.jsonl", String(repeating: "{\"nap\": 3}\n", count: 10))
        try waitFor(seconds: 30) { !((try? mapRuns(root)) ?? []).isEmpty }
        let arn = try #require(try mapRuns(root).first?["mapRunArn"] as? String)
        #expect(try sluice(root, ["map-runs", "update", arn, "--max-concurrency", "10"]).status == 0)
        // One child at a time could never have more than one running.
        try waitFor(seconds: 10) {
            let children = (try? sluiceJSON(root, ["map-runs", "describe", arn]))?["executionCounts"] as? [String: Any]
            return (children?["running"] as? Int ?? 0) >= 2
        }
        #expect(try sluiceJSON(root, ["map-runs", "describe", arn])["maxConcurrency"] as? Int == 10)
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test("sluice map-runs on a root where sluiced never ran says so and exits 2, creating nothing")
    func mapRunsWithoutStore() throws {
        let root = try Root()
        defer { root.remove() }
        #expect(try sluice(root, ["map-runs", "list"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: root.path + "/var/lib/sluice/sluice.db"))
    }
}
