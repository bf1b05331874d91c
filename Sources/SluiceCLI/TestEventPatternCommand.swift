import ArgumentParser

/// `sluice test-event-pattern` (being written).
struct TestEventPatternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test-event-pattern", abstract: "Not implemented yet.")

    func run() throws { throw ExitCode(2) }
}
