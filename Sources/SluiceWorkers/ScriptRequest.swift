/// One run of a program that is not a function: a subscriber script, given bytes on stdin and a clean environment.
package struct ScriptRequest: Sendable, Hashable {
    /// argv; the first element is the program, an absolute path (or a name looked up in the PATH given).
    package var command: [String]
    /// The complete environment of the process: nothing is inherited from sluice.
    package var environment: [String: String]
    /// What the process reads on stdin; stdin is closed after it.
    package var input: [UInt8]
    /// Seconds the process may run before it (and everything it started) is killed.
    package var timeout: Double
    /// Seconds between SIGTERM and SIGKILL when the timeout strikes.
    package var grace: Double
    /// The working directory; nil keeps the caller's.
    package var workingDirectory: String?

    /// A request with the usual grace period.
    package init(
        command: [String],
        environment: [String: String],
        input: [UInt8],
        timeout: Double,
        grace: Double = 2,
        workingDirectory: String? = nil
    ) {
        self.command = command
        self.environment = environment
        self.input = input
        self.timeout = timeout
        self.grace = grace
        self.workingDirectory = workingDirectory
    }
}
