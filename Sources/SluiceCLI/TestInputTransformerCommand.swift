import ArgumentParser

/// `sluice test-input-transformer` (being written).
struct TestInputTransformerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-input-transformer",
        abstract: "Not implemented yet."
    )

    func run() throws { throw ExitCode(2) }
}
