import Foundation
import Testing

extension DaemonEndToEndTests {
    @Test(
        "`sluice map-runs watch` opened before the upload waits for the run it starts and follows it to its end",
        .timeLimit(.minutes(2))
    )
    func watchBeforeUpload() throws {
        let root = try Root()
        defer { root.remove() }
        try slowMap(root, maxConcurrency: 2)
        let (daemon, _) = try start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let watch = Process()
        watch.executableURL = URL(fileURLWithPath: (Self.binary as NSString).deletingLastPathComponent + "/sluice")
        watch.arguments = ["map-runs", "watch", "--root", root.path, "--interval", "0.1"]
        let output = Pipe()
        watch.standardOutput = output
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        defer { if watch.isRunning { watch.terminate() } }
        // Still waiting for a run to follow, not gone with "no map run is running".
        Thread.sleep(forTimeInterval: 0.5)
        #expect(watch.isRunning)
        try root.write("var/lib/sluice/buckets/inbox/naps.jsonl", String(repeating: "{\"nap\": 1}\n", count: 4))
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0)
        #expect(printed.contains("4/4 items"))
        #expect(printed.split(separator: "\n").last?.hasSuffix("SUCCEEDED") == true)
        daemon.terminate()
        daemon.waitUntilExit()
    }
}
