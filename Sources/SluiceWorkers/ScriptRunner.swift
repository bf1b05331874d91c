import Foundation
import SluiceLinux
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs programs that are not functions (subscriber scripts): one process per run, bytes on stdin, stdout and stderr
/// streamed line by line to a sink, a timeout that kills the whole process group.
///
/// Spawning goes through the same C path as function workers (vfork + exec in a new session, a clean environment,
/// only three descriptors). Each run is driven by a thread of its own, as a `process` function invocation is:
/// spawning, polling and reaping block.
package enum ScriptRunner {
    /// Which stream a line came from.
    package enum Stream: Sendable, Hashable {
        case stdout, stderr
    }

    /// The most stdout kept in the result; the rest still reaches the sink line by line.
    static let stdoutLimit = 65_536
    /// How often the poll loop wakes to notice cancellation.
    static let cancellationCheck: Int32 = 250

    /// A script that exits without reading its stdin must not take sluice down with SIGPIPE; the write fails with
    /// EPIPE instead and the run goes on. Set once, for the whole process.
    private static let pipeSignalIgnored: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Runs the request to its end. Cancelling the calling task kills the process (SIGTERM, then SIGKILL after the
    /// grace period) and ends the run as `.cancelled`.
    package static func run(
        _ request: ScriptRequest,
        output: @escaping @Sendable (Stream, String) -> Void = { _, _ in }
    ) async -> ScriptResult {
        _ = pipeSignalIgnored
        let cancelled = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: runBlocking(request, cancelled: cancelled, output: output))
                }
                thread.name = "sluice-script"
                thread.start()
            }
        } onCancel: {
            cancelled.set()
        }
    }

    /// The poll loop: feeds stdin, drains stdout and stderr, watches the pidfd, enforces the timeout.
    private static func runBlocking(
        _ request: ScriptRequest,
        cancelled: CancellationFlag,
        output: @escaping @Sendable (Stream, String) -> Void
    ) -> ScriptResult {
        guard !request.command.isEmpty else {
            return ScriptResult(ending: .notStarted("no command"), stdout: [], stderrTail: "")
        }
        let process: WorkerProcess
        do {
            process = try WorkerProcess.spawn(
                command: request.command,
                environment: request.environment,
                workingDirectory: request.workingDirectory,
                input: request.input
            )
        } catch {
            return ScriptResult(ending: .notStarted(error.description), stdout: [], stderrTail: "")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(request.timeout * 1000))
        var pump = ProcessPump(
            process: process,
            stderr: StderrLog { line, _ in output(.stderr, line) }
        )
        var stdout = StdoutLines(output: output)
        while pump.isRunning {
            let ms = ProcessPump.milliseconds(until: deadline, now: .now)
            let ending: ScriptResult.Ending? = cancelled.isSet ? .cancelled : ms <= 0 ? .timedOut : nil
            if let ending {
                pump.kill(grace: request.grace)
                return ScriptResult(ending: ending, stdout: stdout.kept, stderrTail: pump.stderr.tailText)
            }
            if !pump.step(timeout: min(Int32(clamping: ms), cancellationCheck), readStdout: { stdout.read($0) }) {
                break
            }
        }
        let status = pump.finish()
        return ScriptResult(ending: .finished(status), stdout: stdout.kept, stderrTail: pump.stderr.tailText)
    }

    /// A script's stdout: streamed to the sink line by line, the first `stdoutLimit` bytes kept for the result.
    private struct StdoutLines {
        let output: @Sendable (Stream, String) -> Void
        private(set) var kept: [UInt8] = []
        private var lines: [UInt8] = []
        private var overflow = 0

        init(output: @escaping @Sendable (Stream, String) -> Void) {
            self.output = output
        }

        /// Reads what is there; false at the end of the stream (the last line, unterminated, is sent then).
        mutating func read(_ fd: Int32) -> Bool {
            let before = lines.count
            let result = PipeIO.read(fd, into: &lines, limit: 1 << 20, overflow: &overflow)
            let room = max(0, stdoutLimit - kept.count)
            kept.append(contentsOf: lines[before...].prefix(room))
            for line in PipeIO.takeLines(&lines) { output(.stdout, line) }
            guard result == .endOfFile else { return true }
            if !lines.isEmpty { output(.stdout, String(decoding: lines, as: UTF8.self)) }
            lines = []
            return false
        }
    }
}

/// Set once when the task running a script is cancelled; read by the thread driving the script.
private final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }

    var isSet: Bool { value.load(ordering: .acquiring) }
}
