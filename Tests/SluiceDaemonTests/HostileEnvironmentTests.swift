import Foundation
import SluiceTesting
import SluiceVocabulary
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real sluiced where its surroundings misbehave (issue 19): sluice.db locked by another process at start, a
/// bucket's folder deleted and made again under it. Each ends with a clear word and nothing lost.
@Suite(.serialized)
struct HostileEnvironmentTests: RealDaemonTesting {
    @Test(
        "sluice.db locked by another process at start: sluiced exits 1 naming the store; started again once it is free, it goes on with nothing lost",
        .timeLimit(.minutes(2))
    )
    func storeLockedAtStart() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        var (daemon, log) = try await start(root)
        try root.write("var/lib/sluice/buckets/inbox/first.txt", "1")
        try await waitFor(seconds: 30) { received(root).contains("first.txt") }
        try await stop(daemon)

        // Another process holds an exclusive lock on the store (a backup tool, a curious sqlite3 shell).
        let store = root.path + "/var/lib/sluice/sluice.db"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(60)",
            store,
        ]
        let said = Pipe()
        holder.standardOutput = said
        try holder.run()
        // SIGKILL: this process may ignore SIGTERM, and its children with it.
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        let saidReader = said.fileHandleForReading
        _ = try await onOwnThread { saidReader.availableData }  // "locked"

        let refused = Process()
        refused.executableURL = URL(fileURLWithPath: Self.binary)
        refused.arguments = ["--root", root.path]
        let output = Pipe()
        refused.standardOutput = output
        refused.standardError = output
        try refused.run()
        // Waited for on a thread of its own (it takes sluiced's 5 s busy timeout), not on the concurrency pool's.
        let reader = output.fileHandleForReading
        let text = try await onOwnThread {
            let text = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
            refused.waitUntilExit()
            return text
        }
        #expect(refused.terminationStatus == 1)
        #expect(text.contains("cannot open the store \(store)"), "\(text)")
        #expect(text.contains("database is locked"), "\(text)")

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        (daemon, log) = try await launch(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/second.txt", "2")
        try await waitFor(seconds: 30) { received(root) == ["first.txt", "second.txt"] }
        #expect(root.executions(status: .succeeded).count == 2, "the first run's record is still there")
        _ = log
    }

    @Test(
        "A bucket's folder deleted and made again under a running sluiced: objects dropped into the new folder start executions",
        .timeLimit(.minutes(2))
    )
    func bucketFolderRecreated() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        let (daemon, log) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let inbox = root.path + "/var/lib/sluice/buckets/inbox"
        try root.write("var/lib/sluice/buckets/inbox/before.txt", "1")
        try await waitFor(seconds: 30) { received(root).contains("before.txt") }

        try FileManager.default.removeItem(atPath: inbox)
        try await Task.sleep(for: .milliseconds(500))
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        // The watcher notices the folder again (at once, or at its next look for missing watches).
        try await waitFor(seconds: 30) {
            try? root.write("var/lib/sluice/buckets/inbox/after.txt", "2")
            return received(root).contains("after.txt")
        }
        #expect(received(root) == ["before.txt", "after.txt"])
        #expect(daemon.isRunning)
        _ = log
    }
}
