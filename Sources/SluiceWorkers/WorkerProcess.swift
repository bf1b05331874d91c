import CSluiceLinux
import Foundation
import SluiceLinux

#if canImport(Glibc)
    import Glibc
#endif

/// A spawned worker: its pid (also its process group and session), the parent's ends of its pipes, and a pidfd.
///
/// A value of plain integers, owned by one thread at a time (the one driving the invocation or the worker).
struct WorkerProcess: Sendable {
    let pid: pid_t
    /// Write end of the child's stdin; -1 once closed.
    var stdin: Int32
    let stdout: Int32
    let stderr: Int32
    /// Readable once the process has exited.
    let pidfd: Int32
    /// What of the input given to `spawn` the pipe did not hold before the child started: still to be written.
    var unwrittenInput: ArraySlice<UInt8> = []

    /// The base environment of every worker: nothing inherited from the daemon, as Lambda starts from a clean one.
    static func environment(for definition: FunctionDefinition) -> [String: String] {
        var env = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "AWS_LAMBDA_FUNCTION_NAME": definition.name,
            "AWS_LAMBDA_FUNCTION_TIMEOUT": String(Int(definition.timeout.rounded(.up))),
        ]
        if let memory = definition.memoryLimitMiB { env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = String(memory) }
        for (k, v) in definition.environment { env[k] = v }
        return env
    }

    /// Starts the function's command with pipes on stdin, stdout and stderr; `input` is an invocation's whole
    /// payload (a `process` function), nil for a persistent worker.
    static func spawn(_ definition: FunctionDefinition, input: [UInt8]? = nil) throws(SpawnError) -> WorkerProcess {
        try spawn(
            command: definition.command,
            environment: environment(for: definition),
            workingDirectory: definition.workingDirectory,
            memoryLimitMiB: definition.memoryLimitMiB,
            runAs: definition.runAs,
            input: input
        )
    }

    mutating func closeStdin() {
        if stdin >= 0 {
            close(stdin)
            stdin = -1
        }
    }

    /// The exit status if the process has ended (reaping it), else nil.
    func tryWait() -> ProcessStatus? {
        var status: Int32 = 0
        guard sluice_try_wait(pid, &status) == 1 else { return nil }
        return Self.decode(status)
    }

    /// Waits for the process to end (reaping it).
    func wait() -> ProcessStatus {
        var status: Int32 = 0
        guard case .success = Posix.retrying("waitpid", { waitpid(pid, &status, 0) }) else { return .signaled(SIGKILL) }
        return Self.decode(status)
    }

    static func decode(_ status: Int32) -> ProcessStatus {
        if sluice_signaled(status) != 0 { return .signaled(sluice_term_signal(status)) }
        return .exited(sluice_exit_code(status))
    }

    /// SIGTERM to the whole process group, SIGKILL after `grace` seconds if anything is left, then reaps the
    /// worker: nothing it started outlives it.
    mutating func terminate(grace: Double) -> ProcessStatus {
        closeStdin()
        if let status = tryWait() {
            _ = sluice_kill_group(pid, SIGKILL)
            return status
        }
        _ = sluice_kill_group(pid, SIGTERM)
        var fds = [pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, Int32(grace * 1000))
        _ = sluice_kill_group(pid, SIGKILL)
        return wait()
    }

    /// After the worker ended by itself: kill whatever it left behind in its group, close our descriptors.
    mutating func release() {
        _ = sluice_kill_group(pid, SIGKILL)
        closeStdin()
        for fd in [stdout, stderr, pidfd] where fd >= 0 { close(fd) }
    }
}

/// Why a worker could not be started.
struct SpawnError: Error, CustomStringConvertible {
    var errno: Int32
    var what: String

    var description: String { "cannot start \(what): \(Posix.message(errno))" }
}

/// A NULL-terminated array of C strings that frees itself.
final class CStringArray {
    let pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointer = .allocate(capacity: strings.count + 1)
        for (i, s) in strings.enumerated() { pointer[i] = strdup(s) }
        pointer[strings.count] = nil
    }

    deinit {
        for i in 0..<count { free(pointer[i]) }
        pointer.deallocate()
    }
}
