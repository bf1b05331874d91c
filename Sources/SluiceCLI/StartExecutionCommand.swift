import ArgumentParser
import SluiceJSON

/// `sluice start-execution NAME`: StartExecution on the running sluiced.
struct StartExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-execution",
        abstract: "Start an execution of a state machine on the running sluiced (StartExecution)."
    )

    @Argument(help: "The state machine: its name (state-machines/NAME.asl.json) or ARN.")
    var stateMachine: String

    @Option(help: "The execution's name (default: a UUID); unique per state machine.")
    var name: String?

    @Option(help: "The execution input, JSON text (default {}).")
    var input: String?

    @Option(name: .customLong("input-file"), help: "A file holding the execution input.")
    var inputFile: String?

    @Flag(help: "Print StartExecution's response: {\"executionArn\", \"startDate\"}.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        if input != nil, inputFile != nil { throw CLIError.exit("give --input or --input-file, not both") }
        let text = try inputFile.map { try InputFiles.text($0) } ?? input ?? "{}"
        guard (try? JSONParser.parse(text)) != nil else {
            throw CLIError.exit("InvalidExecutionInput: the input is not JSON: \(text.prefix(200))")
        }
        var body = JSONObject()
        body["stateMachine"] = .string(stateMachine)
        body["input"] = .string(text)
        if let name { body["name"] = .string(name) }
        let answer = try DaemonRequest.send("StartExecution", .object(body), root: root)
        print(json ? answer.serialized() : answer["executionArn"]?.stringValue ?? "")
    }
}
