import ArgumentParser
import SluiceJSON

/// `sluice send-task-success`: SendTaskSuccess on the running sluiced; the callback Task waiting on the token
/// succeeds with the output.
struct SendTaskSuccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-task-success",
        abstract: "Complete a callback Task (.waitForTaskToken) with its output (SendTaskSuccess)."
    )

    @Option(name: .customLong("task-token"), help: "The token the Task passed on ($$.Task.Token).")
    var taskToken: String

    @Option(name: .customLong("task-output"), help: "The task's output, JSON text.")
    var taskOutput: String

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        guard (try? JSONParser.parse(taskOutput)) != nil else {
            throw CLIError.exit("InvalidOutput: the output is not JSON: \(taskOutput.prefix(200))")
        }
        let body: JSONValue = ["taskToken": .string(taskToken), "output": .string(taskOutput)]
        _ = try DaemonRequest.send("SendTaskSuccess", body, root: root)
    }
}
