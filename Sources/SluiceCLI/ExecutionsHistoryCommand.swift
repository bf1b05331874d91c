import ArgumentParser
import SluiceJSON
import SluiceStore

/// `sluice executions history ARN`: GetExecutionHistory over sluice.db.
struct ExecutionsHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show an execution's history events (a table, or AWS's event JSON with --json)."
    )

    @Argument(help: "The execution's ARN (as `executions list` prints it).")
    var executionArn: String

    @Flag(help: "Print GetExecutionHistory's response: {\"events\": [...]}.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let store = try MapRunDocument.openStore(root: root)
        guard try store.execution(executionArn) != nil else {
            throw CLIError.exit("ExecutionDoesNotExist: Execution Does Not Exist: '\(executionArn)'")
        }
        let events = try store.history(executionArn)
        if json {
            // The stored documents are AWS's event JSON already: spliced in, not parsed again.
            print("{\"events\":[" + events.map(\.document).joined(separator: ",") + "]}")
            return
        }
        if events.isEmpty {
            print("no history yet (it is saved when the execution ends)")
            return
        }
        print("   ID  TIME                      TYPE                          STATE / DETAILS")
        for event in events {
            let time = MapRunDocument.date(event.timestamp).stringValue ?? ""
            print(
                "\(pad(String(event.id), 5, right: true))  \(pad(time, 24))  \(pad(event.type, 28))  \(summary(event))"
            )
        }
    }

    private func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        guard s.count < n else { return s }
        let fill = String(repeating: " ", count: n - s.count)
        return right ? fill + s : s + fill
    }

    /// The state's name, or the error and cause, from the event's details.
    private func summary(_ event: StoredHistoryEvent) -> String {
        guard case .success(let value) = Result(catching: { try JSONParser.parse(event.document) }),
            case .object(let o) = value
        else { return "" }
        for (key, details) in o.entries where key.hasSuffix("EventDetails") {
            if let name = details["name"]?.stringValue { return name }
            let error = details["error"]?.stringValue
            let cause = details["cause"]?.stringValue
            if error != nil || cause != nil { return [error, cause].compactMap { $0 }.joined(separator: ": ") }
            if let resource = details["resource"]?.stringValue { return resource }
        }
        return ""
    }
}
