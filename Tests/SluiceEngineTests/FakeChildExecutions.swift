import SluiceJSON
import SluiceStore
import Synchronization

@testable import SluiceEngine

/// Child executions a test decides: each start is remembered and answered at a fixed date; every child ends as
/// `ending` says (nil: it never ends), named after the start it had.
final class FakeChildExecutions: ChildExecutions {
    struct Start: Equatable {
        var stateMachineArn: String
        var name: String
        var input: JSONValue
        var derived: Bool
    }

    let starts = Mutex<[Start]>([])
    /// The tokens of the tasks whose children were told started (TaskSubmitted).
    let submissions = Mutex<[Int]>([])
    let refusal: ChildExecutionRefusal?
    let ending: ExecutionRecord?

    init(refusal: ChildExecutionRefusal? = nil, ending: ExecutionRecord? = nil) {
        self.refusal = refusal
        self.ending = ending
    }

    func start(stateMachineArn: String, name: String, input: JSONValue, derived: Bool) async -> Result<
        ChildExecutionStart, ChildExecutionRefusal
    > {
        starts.withLock {
            $0.append(Start(stateMachineArn: stateMachineArn, name: name, input: input, derived: derived))
        }
        if let refusal { return .failure(refusal) }
        let machine = stateMachineArn.split(separator: ":").last.map(String.init) ?? ""
        return .success(
            ChildExecutionStart(
                executionArn: "arn:aws:states:local:000000000000:execution:\(machine):\(name)",
                startMillis: 1_795_755_662_123
            )
        )
    }

    func submitted(token: Int, output: JSONValue, parentArn: String) {
        submissions.withLock { $0.append(token) }
    }

    func end(of executionArn: String) async -> ExecutionRecord? {
        guard var record = ending else { return nil }
        record.executionArn = executionArn
        record.name = String(executionArn.split(separator: ":").last ?? "")
        return record
    }
}
