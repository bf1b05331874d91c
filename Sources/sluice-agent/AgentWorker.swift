import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The function's worker process: request lines in on stdin, answer lines out on stdout, stderr inherited (the
/// batch job's log, or the terminal).
final class AgentWorker: @unchecked Sendable {
    // Process and FileHandle are thread-safe for what is used here: one writer (the relay), one reader.
    private let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()

    init(command: [String]) throws {
        let executable = command[0]
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Writes one request line (newline included); false once the worker no longer reads.
    @discardableResult
    func write(_ line: [UInt8]) -> Bool {
        do {
            try stdin.fileHandleForWriting.write(contentsOf: line)
            return true
        } catch {
            return false
        }
    }

    /// Calls `answer` with each line the worker writes, until it closes stdout; then returns its exit code
    /// (128 + the signal for a worker killed by one).
    func readAnswers(_ answer: ([UInt8]) -> Void) -> Int32 {
        let handle = stdout.fileHandleForReading
        var pending: [UInt8] = []
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            pending.append(contentsOf: data)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                answer(Array(pending[start...newline]))
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
    }

    /// Asks the worker to stop (SIGTERM to it).
    func stop() { if process.isRunning { process.terminate() } }
}
