import Foundation
import SluiceTesting
import Testing

/// sluice.db on a small tmpfs that fills up mid-run (needs root to mount; skipped otherwise).
extension DaemonEndToEndTests {
    func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(
        "The store's disk fills mid-run: sluiced stops with the reason; with room again it carries on, nothing lost",
        .enabled(if: getuid() == 0, "mounting the small tmpfs needs root (CI runs as root)"),
        .timeLimit(.minutes(2))
    )
    func diskFull() async throws {
        let root = try Root()
        defer { root.remove() }
        let state = root.path + "/var/lib/sluice"
        try #require(run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", state]) == 0, "cannot mount a tmpfs")
        defer { _ = run("/bin/umount", ["-l", state]) }
        try FileManager.default.createDirectory(atPath: state + "/buckets/inbox", withIntermediateDirectories: true)
        try slowMap(root, maxConcurrency: 2)
        var (daemon, log) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/items.jsonl", String(repeating: "{\"nap\": 1}\n", count: 12))
        try await waitFor(seconds: 20) { ((try? mapRuns(root)) ?? []).contains { $0["stopDate"] == nil } }
        // Fill the disk: sluiced's next journal writes fail, and it stops rather than run on unrecorded.
        _ = run("/bin/dd", ["if=/dev/zero", "of=\(state)/filler", "bs=64k"])
        try await waitFor(seconds: 20) { !daemon.isRunning }
        #expect(daemon.terminationStatus != 0)
        #expect(logContains(log, "sluice.db cannot be written"))
        // Room again: the execution carries on from its journal and every item is done once.
        try FileManager.default.removeItem(atPath: state + "/filler")
        (daemon, log) = try await start(root)
        try await waitFor(seconds: 60) {
            let done = try? sluiceJSON(root, ["executions", "list", "--status", "SUCCEEDED"])["executions"]
            return ((done as? [[String: Any]]) ?? []).count == 1
        }
        let arn = try #require(try mapRuns(root).first?["mapRunArn"] as? String)
        let items = try #require(try sluiceJSON(root, ["map-runs", "describe", arn])["itemCounts"] as? [String: Any])
        #expect(items["succeeded"] as? Int == 12)
        try await stop(daemon)
    }
}
