import CSluiceLinux

#if canImport(Glibc)
    import Glibc
#endif

extension WorkerProcess {
    /// Starts `command` with exactly `environment`, pipes on stdin, stdout and stderr, in a session of its own.
    ///
    /// The function path (`spawn(_:input:)`) builds a Lambda-style environment from a definition; scripts get only
    /// what their caller gives them, so this variant takes the pieces directly.
    ///
    /// `input`, a run's whole stdin (a subscriber's message, a `process` invocation's payload), is put into the pipe
    /// before the child starts, as far as the pipe holds it (1 MiB), and stdin closed when it all fit: a sluiced
    /// killed just after the spawn would otherwise leave the child reading an empty or cut input to its end and
    /// acting on it. What did not fit is the process's `unwrittenInput`. nil leaves stdin open (a persistent worker).
    static func spawn(
        command: [String],
        environment: [String: String],
        workingDirectory: String?,
        memoryLimitMiB: Int? = nil,
        runAs: RunAs? = nil,
        input: [UInt8]? = nil
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
        var unwritten = ArraySlice(input ?? [])
        if input != nil {
            _ = fcntl(inPipe[1], setPipeSize, 1 << 20)
            _ = fcntl(inPipe[1], F_SETFL, fcntl(inPipe[1], F_GETFL) | O_NONBLOCK)
            if !PipeIO.write(inPipe[1], &unwritten) { unwritten = [] }
            if unwritten.isEmpty {
                close(inPipe[1])
                inPipe[1] = -1
            }
        }
        let argv = CStringArray(command)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var pid: pid_t = 0
        let groups = runAs?.groups ?? []
        let result: Int32 = command[0].withCString { path in
            let run: (UnsafePointer<CChar>?) -> Int32 = { cwd in
                groups.withUnsafeBufferPointer { groupList in
                    var request = sluice_spawn_request(
                        path: path,
                        argv: argv.pointer,
                        envp: envp.pointer,
                        working_directory: cwd,
                        stdin_fd: inPipe[0],
                        stdout_fd: outPipe[1],
                        stderr_fd: errPipe[1],
                        memory_limit_bytes: Int64(memoryLimitMiB ?? 0) * 1_048_576,
                        switch_user: runAs == nil ? 0 : 1,
                        uid: runAs?.uid ?? 0,
                        gid: runAs?.gid ?? 0,
                        groups: groupList.baseAddress,
                        group_count: Int32(groupList.count)
                    )
                    // ETXTBSY: a script written moments ago can still be open for writing in a process another thread
                    // is forking; that copy closes at its exec, so a short wait and another try is all it takes.
                    var result = sluice_spawn(&request, &pid)
                    var attempt = 0
                    while result == ETXTBSY, attempt < 5 {
                        attempt += 1
                        usleep(UInt32(10_000 * attempt))
                        result = sluice_spawn(&request, &pid)
                    }
                    return result
                }
            }
            if let workingDirectory { return workingDirectory.withCString { run($0) } }
            return run(nil)
        }
        // The child's ends belong to the child now.
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            for fd in [inPipe[1], outPipe[0], errPipe[0]] where fd >= 0 { close(fd) }
            throw SpawnError(errno: result, what: command[0])
        }
        for fd in [inPipe[1], outPipe[0], errPipe[0]] where fd >= 0 {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        // A batch request is often a few hundred KiB: with the default 64 KiB pipe it goes across in several
        // write/wake-up rounds with the worker; a 1 MiB pipe (Linux's default ceiling) takes it in one. Best effort.
        for fd in [inPipe[1], outPipe[0]] where fd >= 0 { _ = fcntl(fd, setPipeSize, 1 << 20) }
        let pidfd = sluice_pidfd_open(pid)
        return WorkerProcess(
            pid: pid,
            stdin: inPipe[1],
            stdout: outPipe[0],
            stderr: errPipe[0],
            pidfd: pidfd,
            unwrittenInput: unwritten
        )
    }
}

/// fcntl's F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7), which Glibc's module leaves out without _GNU_SOURCE.
private let setPipeSize: Int32 = 1031
