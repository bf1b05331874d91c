import Foundation
import Testing

extension DaemonEndToEndTests {
    @Test(
        "A subscription's Endpoint and a function's Command given relative resolve beside their files, under any root",
        .timeLimit(.minutes(2))
    )
    func relativePathsUnderRoot() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write(
            "etc/sluice/state-machines/note.asl.json",
            #"""
            {"StartAt": "Who", "States": {
              "Who": {"Type": "Task", "Resource": "whoami", "Next": "Publish"},
              "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.said"}, "End": true}}}
            """#
        )
        try root.write("etc/sluice/functions/whoami.json", #"{"Command": ["./bin/whoami.sh"], "Runtime": "process"}"#)
        try root.write(
            "etc/sluice/functions/bin/whoami.sh",
            "#!/bin/sh\ncat > /dev/null\nprintf '{\"said\": \"from %s\"}' \"$(basename \"$(pwd)\")\"\n",
            executable: true
        )
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"{"Topic": "done", "Protocol": "exec", "Endpoint": "record.sh", "RawMessageDelivery": true}"#
        )
        try root.write(
            "etc/sluice/subscriptions/record.sh",
            "#!/bin/sh\ncat > \"$(dirname \"$0\")/../../../out/$SLUICE_MESSAGE_ID\"\n",
            executable: true
        )
        // The root itself given relative, as `sluiced --root demo` from its parent folder.
        let (daemon, _) = try launch(root, relative: true)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        // The function ran in its file's folder (functions/), the subscriber's script was found beside its file.
        try waitFor(seconds: 20) { received(root) == ["from functions"] }
        daemon.terminate()
        daemon.waitUntilExit()
    }
}

extension DaemonEndToEndTests {
    @Test("Two uploads at once: every journal line about an execution or map run names which", .timeLimit(.minutes(2)))
    func journalNamesEachExecution() throws {
        let root = try Root()
        defer { root.remove() }
        try slowMap(root, maxConcurrency: 2)
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("staging/a.jsonl", String(repeating: "{\"nap\": 1}\n", count: 2))
        try root.write("staging/b.jsonl", String(repeating: "{\"nap\": 1}\n", count: 3))
        for name in ["a.jsonl", "b.jsonl"] {
            rename(root.path + "/staging/" + name, root.path + "/var/lib/sluice/buckets/inbox/" + name)
        }
        try waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 2 }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        for (file, items) in [("a", 2), ("b", 3)] {
            let name = try #require(
                executions(root).compactMap { $0["name"] as? String }.first { $0.hasPrefix("\(file)-jsonl-") }
            )
            #expect(
                text.contains("execution slow:\(name) started by rule inbox for s3://inbox/\(file).jsonl"),
                "no start line for \(name)"
            )
            #expect(text.contains("execution slow:\(name) SUCCEEDED in "))
            #expect(text.contains("\(items)/\(items) items (100%), 0 failed, SUCCEEDED"))
        }
        // No line of the executions' own says less than which one it is about.
        for line in text.split(separator: "\n") where line.contains("execution ") && !line.contains("Object Created") {
            #expect(line.contains("execution slow:"), "a line that does not say which execution: \(line)")
        }
        daemon.terminate()
        daemon.waitUntilExit()
    }
}
