import Foundation
import SluiceTesting
import Testing

/// Many uploads at once while sluiced is killed again and again: every file makes exactly one execution, each
/// execution publishes one message. 500 files and 5 kills in `make test`; `make soak` runs 10,000 and 20
/// (SLUICE_BURST_FILES, SLUICE_BURST_KILLS).
extension CrashRecoveryTests {
    @Test(
        "Files moved in at once, sluiced SIGKILLed during the burst: one execution per file, one message each",
        .timeLimit(.minutes(30))
    )
    func burstWithKills() async throws {
        let environment = ProcessInfo.processInfo.environment
        let files = environment["SLUICE_BURST_FILES"].flatMap(Int.init) ?? 500
        let kills = environment["SLUICE_BURST_KILLS"].flatMap(Int.init) ?? 5
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        // Only companies/ starts executions; no subscriber: the topic's folder is what is counted.
        try FileManager.default.removeItem(atPath: root.path + "/etc/sluice/subscriptions/record.json")
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"],
                              "detail": {"bucket": {"name": ["inbox"]}, "object": {"key": [{"prefix": "companies/"}]}}},
             "Targets": [{"Id": "note", "Arn": "arn:aws:states:local:000000000000:stateMachine:note",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
            """#
        )
        let staging = root.path + "/staging/"
        let inbox = root.path + "/var/lib/sluice/buckets/inbox/companies/"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let names = (0..<files).map { "f\($0).csv" }
        for (i, name) in names.enumerated() {
            try "id,name\n\(i),company \(i)\n".write(toFile: staging + name, atomically: false, encoding: .utf8)
        }
        var (daemon, log) = try await launch(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let started = Date()
        for name in names { rename(staging + name, inbox + name) }
        var generator = SystemRandomNumberGenerator()
        // Spread over the burst: the first kills land while files are still being reported.
        for _ in 0..<kills {
            try await Task.sleep(for: .seconds(Double.random(in: 0.05...0.6, using: &generator)))
            (daemon, log) = try await killAndRestart(daemon, root)
        }
        let topic = root.path + "/var/lib/sluice/topics/done"
        func messages() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: topic)) ?? []).filter {
                $0.hasSuffix(".json") && !$0.hasPrefix(".")
            }
        }
        try await waitFor(seconds: Double(files) / 5 + 60) {
            messages().count >= files && executions(root, status: "SUCCEEDED").count >= files
        }
        try await waitFor(seconds: 20) { (try? sluiceJSON(root, ["status"]))?["pendingHandoffs"] as? Int == 0 }
        let drained = Date().timeIntervalSince(started)
        let all = executions(root)
        #expect(all.count == files)
        #expect(all.allSatisfy { $0["status"] as? String == "SUCCEEDED" })
        let keys = messages().compactMap { file -> String? in
            guard let data = FileManager.default.contents(atPath: topic + "/" + file),
                let envelope = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return envelope["Message"] as? String
        }
        #expect(keys.count == files)
        #expect(Set(keys) == Set(names.map { "companies/" + $0 }))
        print(
            "burst: \(files) files, \(kills) SIGKILLs: \(all.count) executions, \(keys.count) messages, drained in "
                + String(format: "%.1f s", drained)
        )
        _ = log
        try await stop(daemon)
    }
}
