import ArgumentParser

/// The `sluice` command line: verbs named after the AWS CLI where one exists.
package struct SluiceCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run AWS-style fan-out pipelines on one machine: state machines, rules, functions, topics.",
        version: "0.1.0-dev",
        subcommands: [
            RunCommand.self, ValidateCommand.self, TestEventPatternCommand.self, TestInputTransformerCommand.self,
            TestFilterPolicyCommand.self, PublishCommand.self, SubscribeCommand.self, TopicsCommand.self,
            MapRunsCommand.self, ExecutionsCommand.self, StartExecutionCommand.self, StatusCommand.self,
            JSONataCommand.self, EnvCommand.self, DashboardCommand.self, SendTaskSuccessCommand.self,
            SendTaskFailureCommand.self,
            SendTaskHeartbeatCommand.self,
        ]
    )

    package init() {}
}

extension SluiceCommand {
    /// Parses the process arguments and runs the chosen verb (what `sluice`'s entry point calls).
    package static func runFromCommandLine() async {
        await main()
    }
}
