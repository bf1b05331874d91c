import ArgumentParser

/// `sluice test-filter-policy` (being written).
struct TestFilterPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test-filter-policy", abstract: "Not implemented yet.")

    func run() throws { throw ExitCode(2) }
}
