import Foundation
import Testing

extension DaemonEndToEndTests {
    @Test(
        "Declared buckets exist from the start (and on reload); only those with EventBridge on start executions",
        .timeLimit(.minutes(2))
    )
    func declaredBuckets() throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try FileManager.default.removeItem(atPath: root.path + "/var/lib/sluice/buckets/inbox")
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"]},
             "Targets": [{"Id": "note", "Arn": "arn:aws:states:local:000000000000:stateMachine:note",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
            """#
        )
        try root.write(
            "etc/sluice/buckets/inbox.json",
            #"{"NotificationConfiguration": {"EventBridgeConfiguration": {}}}"#
        )
        try root.write("etc/sluice/buckets/results.json", "{}")
        let (daemon, log) = try start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let buckets = root.path + "/var/lib/sluice/buckets/"
        #expect(FileManager.default.fileExists(atPath: buckets + "inbox"))
        #expect(FileManager.default.fileExists(atPath: buckets + "results"))
        // A bucket made by hand still sends its events.
        try FileManager.default.createDirectory(atPath: buckets + "byhand", withIntermediateDirectories: false)
        Thread.sleep(forTimeInterval: 0.3)
        try root.write("var/lib/sluice/buckets/results/r.json", "{}")
        try root.write("var/lib/sluice/buckets/byhand/h.csv", "id\n1\n")
        try root.write("var/lib/sluice/buckets/inbox/i.csv", "id\n1\n")
        try waitFor(seconds: 20) { received(root) == ["i.csv", "h.csv"] }
        // The results bucket's object was seen and recorded, and started nothing.
        try waitFor(seconds: 10) { (try? sluiceJSON(root, ["status"]))?["pendingHandoffs"] as? Int == 0 }
        #expect(executions(root).count == 2)
        // A bucket declared while sluiced runs is there once the configuration reloads.
        try root.write("etc/sluice/buckets/later.json", "{}")
        try waitFor(seconds: 10) {
            FileManager.default.fileExists(atPath: buckets + "later")
                && logContains(log, "bucket later created (declared in buckets/later.json)")
        }
        daemon.terminate()
        daemon.waitUntilExit()
    }
}
