import ArgumentParser
import SluiceJSON

/// `sluice send-task-heartbeat`: SendTaskHeartbeat on the running sluiced; the callback Task's HeartbeatSeconds
/// starts again.
struct SendTaskHeartbeatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-task-heartbeat",
        abstract: "Tell a callback Task (.waitForTaskToken) its work goes on (SendTaskHeartbeat)."
    )

    @Option(name: .customLong("task-token"), help: "The token the Task passed on ($$.Task.Token).")
    var taskToken: String

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        _ = try DaemonRequest.send("SendTaskHeartbeat", ["taskToken": .string(taskToken)], root: root)
    }
}
