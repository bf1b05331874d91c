import ArgumentParser
import SluiceJSON

/// `sluice executions redrive ARN`: RedriveExecution on the running sluiced. A FAILED, TIMED_OUT or ABORTED
/// execution carries on from the state that failed; in a Distributed Map only the items that failed or never ran
/// run again.
struct ExecutionsRedriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract: "Redrive a failed, timed-out or stopped execution from the state that failed (RedriveExecution)."
    )

    @Argument(help: "The execution's ARN (as `executions list` prints it).")
    var executionArn: String

    @Flag(help: "Print RedriveExecution's response: {\"redriveDate\"}.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let answer = try DaemonRequest.send("RedriveExecution", ["executionArn": .string(executionArn)], root: root)
        print(json ? answer.serialized() : "redriven \(executionArn)")
    }
}
