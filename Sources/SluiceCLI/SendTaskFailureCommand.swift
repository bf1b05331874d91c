import ArgumentParser
import SluiceJSON

/// `sluice send-task-failure`: SendTaskFailure on the running sluiced; the callback Task waiting on the token
/// fails with the error and cause (its Retry and Catch apply).
struct SendTaskFailureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-task-failure",
        abstract: "Fail a callback Task (.waitForTaskToken) with an error and cause (SendTaskFailure)."
    )

    @Option(name: .customLong("task-token"), help: "The token the Task passed on ($$.Task.Token).")
    var taskToken: String

    @Option(help: "The error code of the failure.")
    var error: String?

    @Option(help: "A more detailed explanation of the failure.")
    var cause: String?

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        var body = JSONObject()
        body["taskToken"] = .string(taskToken)
        if let error { body["error"] = .string(error) }
        if let cause { body["cause"] = .string(cause) }
        _ = try DaemonRequest.send("SendTaskFailure", .object(body), root: root)
    }
}
