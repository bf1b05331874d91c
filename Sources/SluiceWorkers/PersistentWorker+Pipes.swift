#if canImport(Glibc)
    import Glibc
#endif

extension PersistentWorker {
    /// The worker's side of the I/O: its process and pipes, the request line still to write, the answer bytes read
    /// so far and its stderr log. Owned by the worker's thread.
    struct Pipes {
        var process: WorkerProcess
        var stderr: StderrLog
        private(set) var stdoutOpen = true
        private(set) var stderrOpen = true
        private var pending = ArraySlice<UInt8>()
        private var stdout: [UInt8] = []
        private var overflow = 0

        init(process: WorkerProcess, stderr: StderrLog) {
            self.process = process
            self.stderr = stderr
        }

        /// What to poll: the doorbell and the pidfd always, the output pipes while open, stdin while a line waits.
        func descriptors(doorbell: Int32) -> [pollfd] {
            var fds = [
                pollfd(fd: doorbell, events: Int16(POLLIN), revents: 0),
                pollfd(fd: process.pidfd, events: Int16(POLLIN), revents: 0),
            ]
            if stdoutOpen { fds.append(pollfd(fd: process.stdout, events: Int16(POLLIN), revents: 0)) }
            if stderrOpen { fds.append(pollfd(fd: process.stderr, events: Int16(POLLIN), revents: 0)) }
            if !pending.isEmpty, process.stdin >= 0 {
                fds.append(pollfd(fd: process.stdin, events: Int16(POLLOUT), revents: 0))
            }
            return fds
        }

        /// Starts sending a request line; stderr lines from now on belong to `requestId`.
        mutating func send(_ line: [UInt8], requestId: String) {
            pending = ArraySlice(line)
            stderr.reset()
            stderr.requestId = requestId
            writePending()
        }

        /// Writes what stdin takes of the pending line.
        mutating func writePending() {
            // The worker closed its stdin: it is dying; its exit is reported through the pidfd.
            if !PipeIO.write(process.stdin, &pending) { pending = [] }
        }

        /// The answer was read: nothing more to send for it, and stderr lines belong to no request.
        mutating func answered() {
            pending = []
            stderr.requestId = nil
        }

        /// Reads stdout: the complete lines so far and the bytes beyond the response limit.
        mutating func readStdout() -> (lines: [[UInt8]], overflow: Int) {
            let read = PipeIO.read(
                process.stdout,
                into: &stdout,
                limit: ProcessInvocation.responseLimit,
                overflow: &overflow
            )
            if read == .endOfFile { stdoutOpen = false }
            return (overflow > 0 ? [] : PipeIO.takeLineBytes(&stdout), overflow)
        }

        mutating func drainStderr() {
            if stderrOpen, !stderr.drain(process.stderr) { stderrOpen = false }
        }
    }
}
