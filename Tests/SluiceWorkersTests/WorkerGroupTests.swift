import Foundation
import SluiceTesting
import Testing

@testable import SluiceWorkers

/// A worker's process group is killed only while the worker is unreaped: its pid, a zombie once it ends, keeps the
/// group's id ours. Reaped first, the id was free for the SIGKILL that followed to reach another's group once pids
/// wrapped.
struct WorkerGroupTests {
    @Test("An ended worker stays a zombie, holding its group's id, until release has killed what it left and reaped it")
    func groupHeldUntilRelease() async throws {
        var process = try shell("sleep 300 & echo $! >&2; exit 3")
        let pid = process.pid
        let ended = process
        #expect(try await onOwnThread { ended.waitForExit() } == .exited(3))
        #expect(process.exitStatus() == .exited(3))
        // Ended, not reaped: a zombie, so the pid and the group's id are not handed out again.
        #expect(state(of: pid) == "Z")
        let left = try #require(processGroupMembers(pid).first { $0 != pid })
        #expect(state(of: left) != nil && state(of: left) != "Z")

        process.release()
        #expect(state(of: pid) == nil)
        try await eventually("what it left killed", within: .seconds(30)) { processIsGone(left) }
        // Released twice (a caller's end and a shutdown): nothing more happens.
        process.release()
    }

    @Test("terminate stops a running worker and its group; release then reaps it")
    func terminateThenRelease() async throws {
        var process = try shell("sleep 300 & sleep 300")
        let pid = process.pid
        try await eventually("its child started", within: .seconds(30)) { processGroupMembers(pid).count >= 3 }
        let running = process
        let status = try await onOwnThread { () -> (ProcessStatus, WorkerProcess) in
            var terminated = running
            return (terminated.terminate(grace: 0.2), terminated)
        }
        process = status.1
        #expect(status.0 == .signaled(SIGTERM) || status.0 == .signaled(SIGKILL))
        #expect(state(of: pid) == "Z")
        process.release()
        #expect(state(of: pid) == nil)
        try await eventually("the group gone", within: .seconds(30)) { processGroupMembers(pid).isEmpty }
    }

    /// A worker running `script` under /bin/sh, in a group of its own as every worker is.
    private func shell(_ script: String) throws -> WorkerProcess {
        try WorkerProcess.spawn(
            command: ["/bin/sh", "-c", script],
            environment: ["PATH": "/usr/bin:/bin"],
            workingDirectory: NSTemporaryDirectory()
        )
    }

    /// The state letter in /proc/PID/stat, nil once the pid is gone.
    private func state(of pid: Int32) -> Character? {
        processStat(pid)?.first?.first
    }
}
