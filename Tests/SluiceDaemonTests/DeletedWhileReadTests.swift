import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// An object deleted while its map run is reading it: the run reads what it opened, as an S3 GetObject already
/// streaming goes on; the deletion is an Object Deleted event of its own and stops nothing.
extension HostileEnvironmentTests {
    @Test("A CSV deleted while its map run reads it: the run reads every row it opened, once", .timeLimit(.minutes(3)))
    func deletedWhileRead() async throws {
        let root = try Root()
        defer { root.remove() }
        try readingPipeline(root)
        let (daemon, _) = try await start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let inbox = root.path + "/var/lib/sluice/buckets/inbox"
        // 1,000,000 rows: 10,000 children of 100; the reader keeps 10,000 rows ahead, so most of the file is still
        // unread when the run is seen RUNNING.
        let rows = 1_000_000
        try await onOwnThread {
            var text = "a,b\n"
            text.reserveCapacity(rows * 16)
            for i in 0..<rows { text += "\(i),row \(i)\n" }
            try text.write(toFile: inbox + "/.big.part", atomically: false, encoding: .utf8)
        }
        #expect(rename(inbox + "/.big.part", inbox + "/big.csv") == 0)
        try await waitFor(seconds: 60) { root.executions(status: .running).count == 1 }
        #expect(unlink(inbox + "/big.csv") == 0)
        let readingWhenDeleted = root.executions(status: .running).count == 1
        let record = try #require(try await ended(root, "big.csv"))
        #expect(record.status == .succeeded, "\(String(describing: record.error)) \(String(describing: record.cause))")
        let runs = try #require(try sluiceJSON(root, ["map-runs", "list"])["mapRuns"] as? [[String: Any]])
        let arn = try #require(runs.first?["mapRunArn"] as? String)
        let described = try sluiceJSON(root, ["map-runs", "describe", arn])
        let items = described["itemCounts"] as? [String: Any]
        #expect(items?["succeeded"] as? Int == rows)
        #expect(items?["total"] as? Int == rows)
        #expect(readingWhenDeleted, "the run ended before the file was deleted: make it longer")
        // The deletion was seen as one, and sluiced goes on.
        try await waitFor(seconds: 10) { !root.recorded("inbox", "big.csv") }
        #expect(daemon.isRunning)
    }
}
