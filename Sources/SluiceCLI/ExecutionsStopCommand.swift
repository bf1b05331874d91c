import ArgumentParser
import SluiceJSON

/// `sluice executions stop ARN`: StopExecution on the running sluiced; the execution ends ABORTED and the
/// workers running its tasks are stopped.
struct ExecutionsStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a running execution (StopExecution): it ends ABORTED."
    )

    @Argument(help: "The execution's ARN (as `executions list` prints it).")
    var executionArn: String

    @Option(help: "The error code of the stop (ExecutionAborted's error).")
    var error: String?

    @Option(help: "A more detailed explanation of the stop.")
    var cause: String?

    @Flag(help: "Print StopExecution's response: {\"stopDate\"}.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        var body = JSONObject()
        body["executionArn"] = .string(executionArn)
        if let error { body["error"] = .string(error) }
        if let cause { body["cause"] = .string(cause) }
        let answer = try DaemonRequest.send("StopExecution", .object(body), root: root)
        print(json ? answer.serialized() : "stopped \(executionArn)")
    }
}
