import SluiceLinux

#if canImport(Glibc)
    import Glibc
#endif

/// One run of a process to its end, as a `process` function invocation and a subscriber script both drive it: the
/// input fed to stdin as the pipe takes it, stderr drained line by line, the pidfd watched; stdout is the caller's
/// (an answer kept whole, or lines streamed).
///
/// One poll over all of them, so a process that writes before it reads cannot deadlock. Owned by the thread that
/// drives the run.
struct ProcessPump {
    private(set) var process: WorkerProcess
    private(set) var stderr: StderrLog
    private var pending: ArraySlice<UInt8>
    private var stdoutOpen = true
    private var stderrOpen = true
    private var status: ProcessStatus?

    /// Goes on feeding the input the spawn could not put into the pipe at once (`unwrittenInput`); stdin is closed
    /// once it is all written (or the process stopped reading).
    init(process: WorkerProcess, stderr: StderrLog) {
        self.process = process
        self.stderr = stderr
        pending = process.unwrittenInput
        if !PipeIO.write(process.stdin, &pending) { pending = [] }
        if pending.isEmpty { self.process.closeStdin() }
    }

    /// Until the process has ended and both output pipes are at their end.
    var isRunning: Bool { stdoutOpen || stderrOpen || status == nil }

    /// Waits at most `timeout` milliseconds for the process to do something and handles it; `readStdout` reads
    /// the stdout descriptor and answers false at its end. False when the poll itself failed.
    mutating func step(timeout: Int32, readStdout: (Int32) -> Bool) -> Bool {
        var fds: [pollfd] = []
        if process.stdin >= 0 { fds.append(pollfd(fd: process.stdin, events: Int16(POLLOUT), revents: 0)) }
        if stdoutOpen { fds.append(pollfd(fd: process.stdout, events: Int16(POLLIN), revents: 0)) }
        if stderrOpen { fds.append(pollfd(fd: process.stderr, events: Int16(POLLIN), revents: 0)) }
        if status == nil { fds.append(pollfd(fd: process.pidfd, events: Int16(POLLIN), revents: 0)) }
        if case .failure = Posix.retrying("poll", { poll(&fds, nfds_t(fds.count), timeout) }) { return false }
        for p in fds where p.revents != 0 {
            switch p.fd {
            case process.stdin:
                if !PipeIO.write(process.stdin, &pending) || pending.isEmpty { process.closeStdin() }
            case process.stdout:
                if !readStdout(process.stdout) { stdoutOpen = false }
            case process.stderr:
                if !stderr.drain(process.stderr) { stderrOpen = false }
            default:
                status = process.exitStatus()
                // The process is gone; whatever it left in the pipes is read without waiting again.
                if status != nil, process.stdin >= 0 { process.closeStdin() }
            }
        }
        return true
    }

    /// Ends the process early (SIGTERM, SIGKILL after `grace` seconds), keeping what it said last on stderr.
    mutating func kill(grace: Double) {
        _ = process.terminate(grace: grace)
        _ = stderr.drain(process.stderr)
        process.release()
    }

    /// The process's exit status once the loop is done (waiting for it if the poll failed first).
    mutating func finish() -> ProcessStatus {
        let final = status ?? process.waitForExit()
        process.release()
        return final
    }

    /// Milliseconds from `now` to `deadline`, rounded down; 0 or less once it has passed.
    static func milliseconds(until deadline: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Int64 {
        let remaining = deadline - now
        return remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
    }
}
