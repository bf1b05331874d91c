import ArgumentParser

/// `sluice executions`: the executions sluiced has recorded in sluice.db.
struct ExecutionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions",
        abstract:
            "Inspect and stop executions (ListExecutions, DescribeExecution, GetExecutionHistory, StopExecution, RedriveExecution).",
        subcommands: [
            ExecutionsListCommand.self, ExecutionsDescribeCommand.self, ExecutionsHistoryCommand.self,
            ExecutionsStopCommand.self, ExecutionsRedriveCommand.self,
        ]
    )
}
