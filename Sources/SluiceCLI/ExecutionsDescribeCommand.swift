import ArgumentParser
import SluiceJSON
import SluiceStore

/// `sluice executions describe ARN`: DescribeExecution over sluice.db.
struct ExecutionsDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe one execution: status, input, output or error and cause."
    )

    @Argument(help: "The execution's ARN (as `executions list` prints it).")
    var executionArn: String

    @Flag(help: "Print DescribeExecution's response.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let store = try MapRunDocument.openStore(root: root)
        guard let execution = try store.execution(executionArn) else {
            throw CLIError.exit("ExecutionDoesNotExist: Execution Does Not Exist: '\(executionArn)'")
        }
        let document = ExecutionDocument(execution: execution)
        if json {
            print(document.description.serialized())
            return
        }
        let e = execution
        let stopped = e.stopDate.flatMap { MapRunDocument.date($0).stringValue }.map { ", stopped \($0)" } ?? ""
        print(e.executionArn)
        print("  state machine   \(e.stateMachineArn)")
        print("  status          \(e.status) (started \(MapRunDocument.date(e.startDate).stringValue ?? "")\(stopped))")
        print("  input           \(e.input)")
        if let output = e.output { print("  output          \(output)") }
        if let error = e.error { print("  error           \(error)") }
        if let cause = e.cause { print("  cause           \(cause)") }
    }
}
