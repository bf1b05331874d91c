import ArgumentParser

@testable import SluiceCLI

/// Runs `sluice ARGS` in-process (parsing and `run()` as the binary does them); the exit status it ends with.
func exitStatus(_ arguments: [String]) throws -> Int32 {
    var command = try SluiceCommand.parseAsRoot(arguments)
    do {
        try command.run()
        return 0
    } catch {
        return SluiceCommand.exitCode(for: error).rawValue
    }
}
