import ArgumentParser
import Foundation
import SluiceEngine
import SluiceInterpreter
import SluiceStore

/// `sluice map-runs update ARN`: UpdateMapRun. The request goes through sluice.db to the sluiced running the map
/// run, which applies it at once; the command waits until it has been taken.
struct MapRunsUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a running map run's MaxConcurrency and tolerated failures (UpdateMapRun)."
    )

    @Argument(help: "The map run's ARN (as `map-runs list` prints it).")
    var mapRunArn: String

    @Option(help: "Child executions at once; 0 is no limit.")
    var maxConcurrency: Int?

    @Option(help: "Failed items the run tolerates.")
    var toleratedFailureCount: Int?

    @Option(help: "Percentage of failed items the run tolerates (0 to 100).")
    var toleratedFailurePercentage: Double?

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        if maxConcurrency == nil, toleratedFailureCount == nil, toleratedFailurePercentage == nil {
            throw CLIError.exit(
                "ValidationException: give --max-concurrency, --tolerated-failure-count or --tolerated-failure-percentage"
            )
        }
        if let maxConcurrency, maxConcurrency < 0 {
            throw CLIError.exit("ValidationException: maxConcurrency must be at least 0")
        }
        if let toleratedFailureCount, toleratedFailureCount < 0 {
            throw CLIError.exit("ValidationException: toleratedFailureCount must be at least 0")
        }
        if let toleratedFailurePercentage, !(0...100).contains(toleratedFailurePercentage) {
            throw CLIError.exit("ValidationException: toleratedFailurePercentage must be between 0 and 100")
        }
        let store = try MapRunDocument.openStore(root: root, writing: true)
        guard let run = try store.mapRun(mapRunArn) else {
            throw CLIError.exit("ResourceNotFound: no map run \(mapRunArn)")
        }
        guard run.status == .running else {
            throw CLIError.exit("ValidationException: map run \(mapRunArn) is \(run.status), not RUNNING")
        }
        let id = try store.requestMapRunUpdate(
            MapRunUpdate(
                mapRunArn: mapRunArn,
                maxConcurrency: maxConcurrency,
                toleratedFailureCount: toleratedFailureCount,
                toleratedFailurePercentage: toleratedFailurePercentage
            )
        )
        RequestDoorbell.ring(SluicePaths(root: root))
        let started = Date()
        while try store.mapRunUpdatePending(id) {
            if let reason = DaemonRequest.notTaken(since: started, root: root) {
                try store.withdrawMapRunUpdate(id)
                StandardError.write("sluice: sluiced did not take the update \(reason)\n")
                throw ExitCode(1)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        print("updated \(mapRunArn)")
    }
}
