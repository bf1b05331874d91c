import Foundation
import SluiceTesting
import Testing

/// An object replaced while sluiced is down, in the middle of the map run that reads it: the resumed run would skip
/// the items it had read in the old content and hand out others, so it fails saying so instead.
extension CrashRecoveryTests {
    @Test(
        "The object a map run reads is replaced between a SIGKILL and the restart: the run fails naming it",
        .timeLimit(.minutes(2))
    )
    func objectChangedWhileDown() async throws {
        let root = try Root()
        defer { root.remove() }
        try crashPipeline(root)
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let object = "var/lib/sluice/buckets/inbox/items.jsonl"
        try root.write(object, (0..<100_000).map { "{\"n\":\($0)}\n" }.joined())
        // 40 batches of 2 s, 4 at a time: the run is still going when the first batches are done.
        try await waitFor(seconds: 30) {
            let running = try? sluiceJSON(root, ["executions", "list", "--status", "RUNNING"])["executions"]
            return ((running as? [[String: Any]]) ?? []).count == 1
        }
        try await Task.sleep(for: .seconds(3))
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        try root.write(object, (0..<50_000).map { "{\"n\":\($0 * 2)}\n" }.joined())
        (daemon, _) = try await start(root)

        // The catch-up reports the new object, which starts an execution of its own; the first one fails.
        try await waitFor(seconds: 60) {
            let failed = try? sluiceJSON(root, ["executions", "list", "--status", "FAILED"])["executions"]
            return ((failed as? [[String: Any]]) ?? []).count == 1
        }
        let failed = try #require(
            (try sluiceJSON(root, ["executions", "list", "--status", "FAILED"])["executions"] as? [[String: Any]])?
                .first?["executionArn"] as? String
        )
        let described = try sluiceJSON(root, ["executions", "describe", failed])
        #expect(described["error"] as? String == "States.ItemReaderFailed")
        let cause = described["cause"] as? String ?? ""
        #expect(cause.contains("s3://inbox/items.jsonl changed while the map run was reading it"), "\(cause)")
        try await waitFor(seconds: 60) {
            let done = try? sluiceJSON(root, ["executions", "list", "--status", "SUCCEEDED"])["executions"]
            return ((done as? [[String: Any]]) ?? []).count == 1
        }
        try await stop(daemon)
    }
}
