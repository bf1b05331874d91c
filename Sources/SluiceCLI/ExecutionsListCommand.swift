import ArgumentParser
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// `sluice executions list`: ListExecutions over sluice.db, newest first.
struct ExecutionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List executions, newest first."
    )

    @Option(help: "Only executions with this status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED).")
    var status: String?

    @Option(help: "Only executions of this state machine (its name or ARN).")
    var stateMachine: String?

    @Flag(help: "Print ListExecutions' response: {\"executions\": [...]}.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let wanted = status.flatMap { ExecutionStatus(rawValue: $0) }
        if let status, wanted == nil {
            let names = ExecutionStatus.allCases.map { $0.rawValue }.joined(separator: ", ")
            throw CLIError.exit("ValidationException: --status must be one of \(names), not \(status)")
        }
        let store = try MapRunDocument.openStore(root: root)
        var executions = try store.executions(status: wanted).map { ExecutionDocument(execution: $0) }
        if let stateMachine {
            // A name matches the ARN's last part: arn:aws:states:R:A:stateMachine:NAME.
            executions = executions.filter {
                $0.execution.stateMachineArn == stateMachine
                    || $0.execution.stateMachineArn.hasSuffix(":stateMachine:" + stateMachine)
            }
        }
        if json {
            print(JSONValue.object(["executions": .array(executions.map(\.listEntry))]).serialized())
            return
        }
        guard !executions.isEmpty else {
            print("no executions")
            return
        }
        for document in executions { print(document.line) }
    }
}
