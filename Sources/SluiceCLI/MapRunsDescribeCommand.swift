import ArgumentParser
import SluiceJSON
import SluiceStore

/// `sluice map-runs describe ARN`: DescribeMapRun over sluice.db.
struct MapRunsDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe one map run: status, limits, item and child execution counts."
    )

    @Argument(help: "The map run's ARN (as `map-runs list` prints it).")
    var mapRunArn: String

    @Flag(help: "Print DescribeMapRun's response.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let store = try MapRunDocument.openStore(root: root)
        guard let run = try store.mapRun(mapRunArn) else {
            throw CLIError.exit("ResourceNotFound: no map run \(mapRunArn)")
        }
        let document = MapRunDocument(run: run)
        if json {
            print(document.description.serialized())
            return
        }
        let r = document.run
        let stopped = r.stopDate.flatMap { MapRunDocument.date($0).stringValue }.map { ", stopped \($0)" } ?? ""
        let tolerated = [
            r.toleratedFailureCount.map { "\($0) items" }, r.toleratedFailurePercentage.map { "\($0)%" },
        ].compactMap { $0 }
        print(r.mapRunArn)
        print("  execution       \(r.executionArn)")
        print("  status          \(r.status) (started \(MapRunDocument.date(r.startDate).stringValue ?? "")\(stopped))")
        print("  items           \(document.itemsLine): \(r.itemsSucceeded) succeeded, \(r.itemsFailed) failed")
        print(
            "  child runs      \(r.childrenRunning) running, \(r.childrenSucceeded) succeeded, \(r.childrenFailed) failed"
        )
        print("  MaxConcurrency  \(r.maxConcurrency == 0 ? "0 (no limit)" : String(r.maxConcurrency))")
        print("  tolerated       \(tolerated.isEmpty ? "no failures" : tolerated.joined(separator: " or "))")
    }
}
