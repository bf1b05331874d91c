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
    /// Set by `release`, which reaps the process: until then its pid, a zombie once it ends, keeps its process
    /// group's id from being given to another process, so the group's kills reach only what it started.
    private(set) var released = false

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

    /// The exit status if the process has ended, else nil. It is not reaped (see `released`).
    func exitStatus() -> ProcessStatus? {
        peekExit(block: false)
    }

    /// Waits for the process to end, not reaping it (see `released`).
    func waitForExit() -> ProcessStatus {
        peekExit(block: true) ?? .signaled(SIGKILL)
    }

    private func peekExit(block: Bool) -> ProcessStatus? {
        var code: Int32 = 0
        var signaled: Int32 = 0
        guard sluice_peek_exit(pid, block ? 1 : 0, &code, &signaled) == 1 else { return nil }
        return signaled != 0 ? .signaled(code) : .exited(code)
    }

    /// SIGTERM to the whole process group, SIGKILL after `grace` seconds if anything is left: nothing it started
    /// outlives it. The worker is reaped by `release`.
    ///
    /// The group is signalled only while its leader is unreaped. Reaping first, as this once did, freed the group's
    /// id: under load (pids wrap at 32,768 on this kind of machine) a new process could take it between the reaping
    /// and the SIGKILL, and lose its group to a kill meant for this one.
    mutating func terminate(grace: Double) -> ProcessStatus {
        closeStdin()
        if exitStatus() == nil {
            _ = sluice_kill_group(pid, SIGTERM)
            var fds = [pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, Int32(grace * 1000))
        }
        _ = sluice_kill_group(pid, SIGKILL)
        return waitForExit()
    }

    /// Once the worker has ended (or been terminated): kills whatever it left behind in its group, then reaps it
    /// and closes our descriptors. Once only.
    mutating func release() {
        guard !released else { return }
        released = true
        _ = sluice_kill_group(pid, SIGKILL)
        _ = sluice_reap(pid)
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
