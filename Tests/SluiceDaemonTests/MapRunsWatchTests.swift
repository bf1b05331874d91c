import Foundation
import SluiceTesting
import Testing

extension InProcessDaemonTests {
    @Test(
        "`sluice map-runs watch` opened before the upload waits for the run it starts and follows it to its end",
        .timeLimit(.minutes(3))
    )
    func watchBeforeUpload() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.slowMap(maxConcurrency: 2)
        try await InProcessDaemon.run(on: root) { _ in
            let watch = Process()
            watch.executableURL = URL(fileURLWithPath: SluiceTool.buildFolder + "/sluice")
            watch.arguments = ["map-runs", "watch", "--root", root.path, "--interval", "0.1"]
            let output = Pipe()
            watch.standardOutput = output
            _ = FileManager.default.createFile(atPath: root.path + "/watch-stderr", contents: nil)
            watch.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: root.path + "/watch-stderr"))
            try watch.run()
            defer { if watch.isRunning { watch.terminate() } }
            // It says it waits for a run to follow, and still runs: not gone with "no map run is running".
            try await eventually("the watch waiting", within: .seconds(60)) {
                root.read("watch-stderr")?.contains("waiting for the next one to start") == true
            }
            #expect(watch.isRunning)
            try root.write("var/lib/sluice/buckets/inbox/naps.jsonl", String(repeating: "{\"nap\": 1}\n", count: 4))
            let printed = try await onOwnThread {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                watch.waitUntilExit()
                return String(decoding: data, as: UTF8.self)
            }
            #expect(watch.terminationStatus == 0)
            #expect(printed.contains("4/4 items"))
            #expect(printed.split(separator: "\n").last?.hasSuffix("SUCCEEDED") == true)
        }
    }
}
