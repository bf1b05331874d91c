import Foundation
import Glibc
import SluiceEngine
import Testing

@testable import SluiceDaemon

/// The request doorbell: a `sluice` command rings it after writing a request into sluice.db, and sluiced's
/// `ControlService` waits on it (with a slow timer besides) instead of reading the store every 200 ms.
struct RequestDoorbellTests {
    let paths: SluicePaths

    init() throws {
        paths = SluicePaths(root: NSTemporaryDirectory() + "sluice-requests-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: paths.state, withIntermediateDirectories: true)
    }

    private func cleanUp() { try? FileManager.default.removeItem(atPath: paths.root) }

    @Test("a ring ends the wait, rings before the wait count, several rings are one, and other files do not ring")
    func rings() async throws {
        defer { cleanUp() }
        var watch = try #require(RequestDoorbellWatch(paths: paths))
        defer { watch.close() }
        var status = stat()
        #expect(stat(paths.requestDoorbell, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)

        // Rung three times before anyone waits: the wait returns at once (well inside its minute), once.
        for _ in 0..<3 { RequestDoorbell.ring(paths) }
        let clock = ContinuousClock()
        var started = clock.now
        await watch.wait(atMost: .seconds(60))
        #expect(clock.now - started < .seconds(30))
        started = clock.now
        await watch.wait(atMost: .milliseconds(300))
        #expect(clock.now - started >= .milliseconds(300))

        // Another file of the folder written and closed (as sluice.db's are) does not ring.
        _ = FileManager.default.createFile(atPath: paths.state + "/other", contents: Data("x".utf8))
        started = clock.now
        await watch.wait(atMost: .milliseconds(300))
        #expect(clock.now - started >= .milliseconds(300))

        // A ring while the wait is on ends it.
        let ringer = Task {
            try await Task.sleep(for: .milliseconds(100))
            RequestDoorbell.ring(paths)
        }
        started = clock.now
        await watch.wait(atMost: .seconds(60))
        #expect(clock.now - started < .seconds(30))
        try await ringer.value
    }

    @Test("a waiting task that is cancelled stops waiting")
    func cancelled() async throws {
        defer { cleanUp() }
        let paths = self.paths
        let clock = ContinuousClock()
        let started = clock.now
        let waiter = Task {
            var watch = RequestDoorbellWatch(paths: paths)
            await watch?.wait(atMost: .seconds(60))
            watch?.close()
        }
        try await Task.sleep(for: .milliseconds(200))
        waiter.cancel()
        await waiter.value
        #expect(clock.now - started < .seconds(30))
    }

    @Test("a ring with no doorbell makes none, and a FIFO in its place neither blocks the ring nor becomes one")
    func noDoorbell() throws {
        defer { cleanUp() }
        RequestDoorbell.ring(paths)
        #expect(!FileManager.default.fileExists(atPath: paths.requestDoorbell))
        #expect(mkfifo(paths.requestDoorbell, 0o660) == 0)
        // Opening a FIFO for writing with no reader would wait forever; the ring must not.
        RequestDoorbell.ring(paths)
        #expect(!RequestDoorbell.install(paths))
        #expect(RequestDoorbellWatch(paths: paths) == nil)
    }
}
