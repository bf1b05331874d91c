import ArgumentParser

/// `sluice map-runs`: the Distributed Map runs sluiced has recorded in sluice.db.
struct MapRunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map-runs",
        abstract: "Inspect Distributed Map runs (ListMapRuns, DescribeMapRun, UpdateMapRun, live progress).",
        subcommands: [
            MapRunsListCommand.self, MapRunsDescribeCommand.self, MapRunsWatchCommand.self, MapRunsUpdateCommand.self,
        ]
    )
}
