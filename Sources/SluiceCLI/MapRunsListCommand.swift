import ArgumentParser
import Foundation
import SluiceInterpreter
import SluiceJSON
import SluiceStore

/// `sluice map-runs list`: ListMapRuns over sluice.db, newest first.
struct MapRunsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List map runs, newest first (all executions, or one with --execution-arn)."
    )

    @Option(help: "Only the map runs of this execution.")
    var executionArn: String?

    @Flag(
        help:
            "Print ListMapRuns' response: {\"mapRuns\": [{\"executionArn\", \"mapRunArn\", \"stateMachineArn\", \"startDate\", \"stopDate\"}]}."
    )
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let store = try MapRunDocument.openStore(root: root)
        let runs = try store.mapRuns(executionArn: executionArn).map { MapRunDocument(run: $0) }
        if json {
            print(JSONValue.object(["mapRuns": .array(runs.map(\.listEntry))]).serialized())
            return
        }
        guard !runs.isEmpty else {
            print("no map runs")
            return
        }
        for document in runs {
            let started = MapRunDocument.date(document.run.startDate).stringValue ?? ""
            print(
                "\(document.run.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(started)  \(document.itemsLine)  \(document.run.mapRunArn)"
            )
        }
    }
}
