import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one Slurm client command (`sbatch`, `squeue`, `scancel`, `sinfo`) and collects what it printed.
///
/// Blocking: callers run it off Swift concurrency's threads. The commands are short-lived RPCs to slurmctld.
package struct SlurmCommand: Sendable {
    /// Variables set over sluiced's own environment for the commands (e.g. `SLURM_CONF`).
    package var environment: [String: String] = [:]
    /// Whether the commands get sluiced's whole environment; false: only its `SLURM_*` variables (and `environment`),
    /// as sbatch must see it so that `--export=ALL` hands the jobs nothing of sluiced's own.
    package var inheritsEnvironment = true
    /// Where the commands are looked up; nil: sluiced's PATH.
    package var searchPath: String? = ProcessInfo.processInfo.environment["PATH"]
    /// How long a command may take before it is stopped and its call fails: a slurmctld that does not answer makes
    /// the client retry for a long while, and sluiced's agents (or `sluice validate`) must not wait on it for ever.
    package var timeout: Duration = .seconds(30)

    package init(environment: [String: String] = [:]) {
        self.environment = environment
    }

    /// What a finished command printed.
    package struct Output: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The command's absolute path, or nil when it is not on the search path.
    package func locate(_ name: String) -> String? {
        if case .found(let path) = FunctionDefinition.resolve(name, folder: "/", searchPath: searchPath) {
            return path
        }
        return nil
    }

    /// What a command started from here gets: sluiced's environment (or only its `SLURM_*` variables), then
    /// `environment`.
    package var commandEnvironment: [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return (inheritsEnvironment ? inherited : inherited.filter { $0.key.hasPrefix("SLURM_") })
            .merging(environment) { $1 }
    }

    /// Runs `name arguments`; an error when it cannot be started. A non-zero status is the caller's to judge.
    package func run(_ name: String, _ arguments: [String]) throws(SlurmError) -> Output {
        guard let path = locate(name) else {
            throw SlurmError(command: name, message: "not found on PATH (is the Slurm client installed here?)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = commandEnvironment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw SlurmError(command: name, message: "could not start \(path): \(error)")
        }
        let expired = StderrCollector.Flag()
        let deadline = DispatchWorkItem {
            guard process.isRunning else { return }
            expired.set()
            // SIGKILL: a SIGTERM may be ignored (a daemon's ignored signals are inherited across exec).
            kill(process.processIdentifier, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .milliseconds(Int(timeout / .milliseconds(1))),
            execute: deadline
        )
        defer { deadline.cancel() }
        // stderr is drained on a thread of its own so that neither pipe can fill while the other is read.
        let stderrData = StderrCollector()
        let reader = Thread { stderrData.collect(err.fileHandleForReading) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = stderrData.wait()
        if expired.isSet {
            throw SlurmError(command: name, message: "did not answer within \(timeout) (is slurmctld reachable?)")
        }
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }

    /// Runs the command and returns its stdout; a non-zero status becomes an error carrying its stderr.
    package func check(_ name: String, _ arguments: [String]) throws(SlurmError) -> String {
        let output = try run(name, arguments)
        guard output.status == 0 else {
            let said = output.stderr.isEmpty ? "(nothing on stderr)" : output.stderr
            throw SlurmError(command: name, message: "exited with status \(output.status): \(said)")
        }
        return output.stdout
    }
}

/// stderr of a command, read to its end on another thread.
private final class StderrCollector: @unchecked Sendable {
    /// Set once, from the timeout's thread, read after the command ended.
    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    // Written once by the reader thread before it signals; read after the wait.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    func collect(_ handle: FileHandle) {
        data = handle.readDataToEndOfFile()
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
