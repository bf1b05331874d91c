import Foundation
import SluiceTesting
import Testing

@testable import SluiceWorkers

/// A run's whole stdin (a subscriber's message, a `process` function's payload) is in the pipe before the child
/// starts. The kill campaign found a subscriber that appended an empty message: sluiced was SIGKILLed between
/// spawning it and writing to its stdin, so the script read an empty input to its end and went on with it.
struct SpawnInputTests {
    @Test("The input is in the child's stdin when it starts: with its parent gone at once, it still reads all of it")
    func inputBeforeTheChild() async throws {
        let folder = NSTemporaryDirectory() + "spawn-input-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var process = try WorkerProcess.spawn(
            command: ["/bin/sh", "-c", "sleep 0.2; cat > got"],
            environment: ["PATH": "/usr/bin:/bin"],
            workingDirectory: folder,
            input: Array("uploads/u-21.csv".utf8)
        )
        #expect(process.stdin == -1)
        #expect(process.unwrittenInput.isEmpty)
        // What a killed sluiced leaves: nothing more written, its ends of the pipes closed.
        process.closeStdin()
        for fd in [process.stdout, process.stderr, process.pidfd] { close(fd) }
        let waited = process
        _ = try await onOwnThread { waited.waitForExit() }
        waitpid(waited.pid, nil, 0)
        #expect(try String(contentsOfFile: folder + "/got", encoding: .utf8) == "uploads/u-21.csv")
    }

    @Test("An input larger than the pipe holds is fed on from where the spawn left it")
    func inputLargerThanThePipe() async throws {
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
        let result = await ScriptRunner.run(
            ScriptRequest(
                command: ["/bin/sh", "-c", "wc -c"],
                environment: ["PATH": "/usr/bin:/bin"],
                input: input,
                timeout: 30
            )
        )
        #expect(result.ending == .finished(.exited(0)))
        #expect(
            String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "3145728"
        )
    }
}
