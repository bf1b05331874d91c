/// How a script run ended.
package struct ScriptResult: Sendable, Hashable {
    /// How it ended.
    package enum Ending: Sendable, Hashable {
        /// It exited or was killed by a signal on its own.
        case finished(ProcessStatus)
        /// It ran past its timeout and was killed.
        case timedOut
        /// The run was cancelled (sluice is stopping) and the process was killed.
        case cancelled
        /// It never started (missing program, not executable, ...); the text says why.
        case notStarted(String)
    }

    package var ending: Ending
    /// Its stdout, up to the runner's limit.
    package var stdout: [UInt8]
    /// The last lines it wrote on stderr.
    package var stderrTail: String

    /// Whether the script ran and exited with status 0.
    package var succeeded: Bool { ending == .finished(.exited(0)) }

    /// What happened, in a few words ("exit status 3", "timed out after 60 s").
    package func summary(timeout: Double) -> String {
        switch ending {
        case .finished(let status): status.description
        case .timedOut: "timed out after \(FunctionError.format(timeout)) seconds"
        case .cancelled: "cancelled"
        case .notStarted(let reason): reason
        }
    }
}
