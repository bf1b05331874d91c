import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary

/// The kill campaign's executions started through `sluice` (a Distributed Map run `long-K` after another, a
/// `flaky-K` every two seconds) and every FAILED one redriven, whatever sluiced is doing: a request that found it
/// killed or stopped is sent again, under the same name, until the execution is in sluice.db.
struct CampaignDriver: Sendable {
    let root: DaemonRoot
    /// The names given, by state machine; each is started until sluice.db has it.
    private(set) var long: [String] = []
    private(set) var flaky: [String] = []
    /// RedriveExecution requests sluiced answered.
    private(set) var redriveRequests = 0
    private var pending: [(machine: String, name: String, input: String)] = []
    private var lastFlaky: ContinuousClock.Instant?
    /// When each execution was last asked to redrive: it is asked again only when still FAILED 5 s later.
    private var redriven: [String: ContinuousClock.Instant] = [:]

    init(root: DaemonRoot) { self.root = root }

    /// Whether every start asked for is in sluice.db.
    var startsRecorded: Bool { pending.isEmpty }

    /// One round: new work when `producing`, the starts not yet recorded sent again, FAILED executions redriven.
    mutating func round(producing: Bool) async throws {
        let now = ContinuousClock.now
        var records = started()
        if producing {
            let previous = long.last.flatMap { records["long/" + $0] }
            if pending.allSatisfy({ $0.machine != "long" }), long.isEmpty || previous?.status == .succeeded {
                long.append("long-\(long.count + 1)")
                pending.append(("long", long[long.count - 1], "{}"))
            }
            if lastFlaky.map({ now - $0 >= .seconds(2) }) ?? true {
                lastFlaky = now
                flaky.append("flaky-\(flaky.count + 1)")
                pending.append(("flaky", flaky[flaky.count - 1], #"{"name": "\#(flaky[flaky.count - 1])"}"#))
            }
        }
        let tool = SluiceTool(root: root)
        for start in pending where records[start.machine + "/" + start.name] == nil {
            // Refused while sluiced is down (then sent again); an earlier request sluiced took makes it a no-op.
            _ = try await tool.run(["start-execution", start.machine, "--name", start.name, "--input", start.input])
        }
        records = started()
        pending.removeAll { records[$0.machine + "/" + $0.name] != nil }
        for record in root.executions(status: .failed) {
            if let asked = redriven[record.executionArn], now - asked < .seconds(5) { continue }
            redriven[record.executionArn] = now
            if try await tool.run(["executions", "redrive", record.executionArn]).status == 0 { redriveRequests += 1 }
        }
    }

    /// The executions of `long` and `flaky` in sluice.db, by `MACHINE/NAME` (the uploads' are left unread: a soak
    /// makes thousands).
    private func started() -> [String: ExecutionRecord] {
        let store = root.store()
        let records = ["long", "flaky"].flatMap { machine in
            (try? store?.executions(stateMachineArn: "arn:aws:states:local:000000000000:stateMachine:" + machine)) ?? []
        }
        return Dictionary(records.map { ($0.machineAndName, $0) }) { first, _ in first }
    }
}

extension ExecutionRecord {
    /// `MACHINE/NAME`: the state machine's name (the ARN's last part) and the execution's.
    var machineAndName: String {
        (stateMachineArn.split(separator: ":").last.map(String.init) ?? stateMachineArn) + "/" + name
    }
}
