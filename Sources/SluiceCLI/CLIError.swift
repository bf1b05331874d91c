import ArgumentParser

/// A usage or input problem: printed as one clear line and exit status 2.
struct CLIError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

extension CLIError {
    /// Prints the message on stderr and exits 2 (DESIGN.md: 2 = bad usage or invalid input).
    static func exit(_ message: String) -> ExitCode {
        StandardError.write("sluice: " + message + "\n")
        return ExitCode(2)
    }
}
