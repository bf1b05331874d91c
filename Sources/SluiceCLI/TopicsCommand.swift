import ArgumentParser

/// `sluice topics`: the topics verbs (`list`).
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Inspect topics.",
        subcommands: [TopicsListCommand.self]
    )
}
