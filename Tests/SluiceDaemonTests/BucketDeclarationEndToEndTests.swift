import Foundation
import SluiceTesting
import Testing

extension InProcessDaemonTests {
    @Test(
        "Declared buckets exist from the start (and on reload); only those with EventBridge on start executions",
        .timeLimit(.minutes(3))
    )
    func declaredBuckets() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.pipeline()
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
        try await InProcessDaemon.run(on: root) { daemon in
            let buckets = "var/lib/sluice/buckets/"
            #expect(root.exists(buckets + "inbox"))
            #expect(root.exists(buckets + "results"))
            // A bucket made by hand still sends its events.
            try FileManager.default.createDirectory(
                atPath: root.path + "/" + buckets + "byhand",
                withIntermediateDirectories: false
            )
            try await Task.sleep(for: .milliseconds(300))
            try root.write(buckets + "results/r.json", "{}")
            try root.write(buckets + "byhand/h.csv", "id\n1\n")
            try root.write(buckets + "inbox/i.csv", "id\n1\n")
            try await eventually("two deliveries", within: .seconds(60)) { root.received == ["i.csv", "h.csv"] }
            // The results bucket's object was seen and recorded, and started nothing.
            try await eventually("r.json recorded, nothing left to do", within: .seconds(60)) {
                root.recorded("results", "r.json") && root.isIdle
            }
            #expect(root.executions().count == 2)
            // A bucket declared while sluiced runs is there once the configuration reloads.
            try root.write("etc/sluice/buckets/later.json", "{}")
            try await eventually("bucket later made", within: .seconds(60)) {
                root.exists(buckets + "later")
                    && daemon.log.contains("bucket later created (declared in buckets/later.json)")
            }
        }
    }
}
