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
        var process: WorkerProcess
        do {
            process = try WorkerProcess.spawn(
                command: request.command,
                environment: request.environment,
                workingDirectory: request.workingDirectory
            )
        } catch {
            return ScriptResult(ending: .notStarted(error.description), stdout: [], stderrTail: "")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(request.timeout * 1000))
        var pending = ArraySlice(request.input)
        if !PipeIO.write(process.stdin, &pending) { pending = [] }
        if pending.isEmpty { process.closeStdin() }
        var stdout: [UInt8] = []
        var stdoutLines: [UInt8] = []
        var overflow = 0
        var stderr = StderrLog { line, _ in output(.stderr, line) }
        var stdoutOpen = true
        var stderrOpen = true
        var status: ProcessStatus?
        var ending: ScriptResult.Ending?
        while stdoutOpen || stderrOpen || status == nil {
            if cancelled.isSet {
                ending = .cancelled
                break
            }
            let remaining = deadline - ContinuousClock.now
            let ms = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            if ms <= 0 {
                ending = .timedOut
                break
            }
            var fds: [pollfd] = []
            if process.stdin >= 0 { fds.append(pollfd(fd: process.stdin, events: Int16(POLLOUT), revents: 0)) }
            if stdoutOpen { fds.append(pollfd(fd: process.stdout, events: Int16(POLLIN), revents: 0)) }
            if stderrOpen { fds.append(pollfd(fd: process.stderr, events: Int16(POLLIN), revents: 0)) }
            if status == nil { fds.append(pollfd(fd: process.pidfd, events: Int16(POLLIN), revents: 0)) }
            let timeout = min(Int32(clamping: ms), cancellationCheck)
            if case .failure = Posix.retrying("poll", { poll(&fds, nfds_t(fds.count), timeout) }) { break }
            for p in fds where p.revents != 0 {
                switch p.fd {
                case process.stdin:
                    if !PipeIO.write(process.stdin, &pending) || pending.isEmpty { process.closeStdin() }
                case process.stdout:
                    let before = stdoutLines.count
                    let result = PipeIO.read(process.stdout, into: &stdoutLines, limit: 1 << 20, overflow: &overflow)
                    let room = max(0, stdoutLimit - stdout.count)
                    stdout.append(contentsOf: stdoutLines[before...].prefix(room))
                    for line in PipeIO.takeLines(&stdoutLines) { output(.stdout, line) }
                    if result == .endOfFile {
                        if !stdoutLines.isEmpty { output(.stdout, String(decoding: stdoutLines, as: UTF8.self)) }
                        stdoutLines = []
                        stdoutOpen = false
                    }
                case process.stderr:
                    if !stderr.drain(process.stderr) { stderrOpen = false }
                default:
                    status = process.tryWait()
                    // The process is gone; whatever it left in the pipes is read without waiting again.
                    if status != nil, process.stdin >= 0 { process.closeStdin() }
                }
            }
        }
        if let ending {
            _ = process.terminate(grace: request.grace)
            _ = stderr.drain(process.stderr)
            process.release()
            return ScriptResult(ending: ending, stdout: stdout, stderrTail: stderr.tailText)
        }
        let final = status ?? process.wait()
        process.release()
        return ScriptResult(ending: .finished(final), stdout: stdout, stderrTail: stderr.tailText)
    }
}

/// Set once when the task running a script is cancelled; read by the thread driving the script.
private final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }

    var isSet: Bool { value.load(ordering: .acquiring) }
}
