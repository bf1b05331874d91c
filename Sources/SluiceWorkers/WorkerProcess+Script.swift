import CSluiceLinux

#if canImport(Glibc)
    import Glibc
#endif

extension WorkerProcess {
    /// Starts `command` with exactly `environment`, pipes on stdin, stdout and stderr, in a session of its own.
    ///
    /// The function path (`spawn(_:)`) builds a Lambda-style environment from a definition; scripts get only what
    /// their caller gives them, so this variant takes the pieces directly.
    static func spawn(
        command: [String],
        environment: [String: String],
        workingDirectory: String?,
        memoryLimitMiB: Int? = nil
    ) throws(SpawnError) -> WorkerProcess {
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard sluice_pipe(&inPipe) == 0 else { throw SpawnError(errno: errno, what: "pipe") }
        guard sluice_pipe(&outPipe) == 0 else {
            for fd in inPipe { close(fd) }
            throw SpawnError(errno: errno, what: "pipe")
        }
        guard sluice_pipe(&errPipe) == 0 else {
            for fd in inPipe + outPipe { close(fd) }
            throw SpawnError(errno: errno, what: "pipe")
        }
        let argv = CStringArray(command)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var pid: pid_t = 0
        let result: Int32 = command[0].withCString { path in
            let run: (UnsafePointer<CChar>?) -> Int32 = { cwd in
                var request = sluice_spawn_request(
                    path: path,
                    argv: argv.pointer,
                    envp: envp.pointer,
                    working_directory: cwd,
                    stdin_fd: inPipe[0],
                    stdout_fd: outPipe[1],
                    stderr_fd: errPipe[1],
                    memory_limit_bytes: Int64(memoryLimitMiB ?? 0) * 1_048_576
                )
                return sluice_spawn(&request, &pid)
            }
            if let workingDirectory { return workingDirectory.withCString { run($0) } }
            return run(nil)
        }
        // The child's ends belong to the child now.
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            for fd in [inPipe[1], outPipe[0], errPipe[0]] { close(fd) }
            throw SpawnError(errno: result, what: command[0])
        }
        for fd in [inPipe[1], outPipe[0], errPipe[0]] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        let pidfd = sluice_pidfd_open(pid)
        return WorkerProcess(pid: pid, stdin: inPipe[1], stdout: outPipe[0], stderr: errPipe[0], pidfd: pidfd)
    }
}
