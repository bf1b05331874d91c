import SluiceASL
import SluiceJSON

/// Reads an execution's history into what happened to each state. The history names states only on their
/// entered and exited events (and a Map's iteration events); task events, ParallelStateFailed and MapStateFailed
/// name none, so they go to the state of the right kind entered last and not yet left, which is the state they
/// belong to unless branches interleave (then they may go to a sibling running the same resource).
struct StatusReader {
    private var shapes: [StateShape]
    private var index: [String: Int] = [:]
    /// Each container's states, nested ones included.
    private var descendants: [[Int]]
    private var tallies: [StateTally]
    private var position = 0

    init(_ machine: StateMachineDefinition) {
        shapes = StateShape.all(in: machine)
        for (i, shape) in shapes.enumerated() where index[shape.name] == nil { index[shape.name] = i }
        descendants = [[Int]](repeating: [], count: shapes.count)
        for (i, shape) in shapes.enumerated() {
            var container = shape.container
            while let name = container, let c = index[name] {
                descendants[c].append(i)
                container = shapes[c].container
            }
        }
        tallies = [StateTally](repeating: StateTally(), count: shapes.count)
    }

    /// Every state's status after `history` (oldest first).
    static func statuses(_ machine: StateMachineDefinition, history: [JSONValue]) -> [String: StateRunStatus] {
        var reader = StatusReader(machine)
        for event in history {
            if let entry = HistoryEntry(event) { reader.read(entry) }
        }
        return reader.statuses()
    }

    mutating func read(_ event: HistoryEntry) {
        position += 1
        let type = event.type
        if type.hasSuffix("StateEntered") {
            guard let s = event.name.flatMap({ index[$0] }) else { return }
            tallies[s].entered += 1
            tallies[s].lastEntered = position
            tallies[s].failedBeforeRedrive = false
        } else if type.hasSuffix("StateExited") {
            guard let s = event.name.flatMap({ index[$0] }) else { return }
            tallies[s].exited += 1
            if tallies[s].pending > 0 {
                tallies[s].pending -= 1
                tallies[s].caught += 1
            }
        } else if Self.isTaskStart(type) {
            // A new attempt: the failure before it was retried, not caught.
            if let s = latestOpen(where: { isTask($0, resource: event.resource) }) { tallies[s].pending = 0 }
        } else if Self.isTaskFailure(type) {
            if let s = latestOpen(where: { isTask($0, resource: event.resource) }) { tallies[s].pending += 1 }
        } else {
            readControl(event)
        }
    }

    /// The events of containers and of the execution as a whole.
    private mutating func readControl(_ event: HistoryEntry) {
        switch event.type {
        case "ParallelStateFailed":
            guard let p = latestOpen(where: { shapes[$0].kind == .parallel }) else { return }
            // The failing branch's state failed; the other branches were cancelled.
            settleFailure(inside: p)
            for d in descendants[p] { tallies[d].settle() }
            tallies[p].pending += 1
        case "MapIterationFailed":
            // The iteration's failing state failed; the other iterations go on.
            if let m = event.name.flatMap({ index[$0] }) { settleFailure(inside: m, settleOthers: false) }
        case "MapStateFailed", "MapRunFailed":
            guard let m = latestOpen(where: { shapes[$0].kind == .inlineMap || shapes[$0].kind == .distributedMap })
            else { return }
            for d in descendants[m] { tallies[d].settle() }
            tallies[m].pending += 1
        case "ExecutionFailed":
            if !tallies.contains(where: { $0.pending > 0 && $0.open > 0 }), let s = latestOpen(where: { _ in true }) {
                // Nothing recorded a failure (a Fail state, an error in a Pass or a Choice): it arose in the
                // state entered last.
                tallies[s].pending += 1
            }
            for s in tallies.indices { tallies[s].settle() }
        case "ExecutionAborted", "ExecutionTimedOut", "ExecutionSucceeded":
            for s in tallies.indices {
                tallies[s].pending = 0
                tallies[s].settle()
            }
        case "ExecutionRedriven":
            // The redriven execution carries on from where it failed; what failed before shows until it runs again.
            for s in tallies.indices {
                let t = tallies[s]
                tallies[s] = StateTally(
                    entered: t.exited,
                    exited: t.exited,
                    caught: t.caught,
                    lastEntered: t.lastEntered,
                    failedBeforeRedrive: t.failed > 0
                )
            }
        default:
            break
        }
    }

    /// A failure ended the work inside `container` (a branch or an iteration): the states inside with a failure
    /// pending failed; if none has one, the error arose without an event of its own (a Fail state, a Pass), in
    /// the state inside entered last.
    private mutating func settleFailure(inside container: Int, settleOthers: Bool = true) {
        let inside = descendants[container]
        let failing = inside.filter { tallies[$0].pending > 0 && tallies[$0].open > 0 }
        if failing.isEmpty {
            let origin = inside.filter { tallies[$0].open > 0 && !shapes[$0].kind.isContainer }
                .max { tallies[$0].lastEntered < tallies[$1].lastEntered }
            if let origin {
                tallies[origin].failed += 1
            }
            return
        }
        for s in failing {
            tallies[s].failed += 1
            tallies[s].pending -= 1
        }
    }

    private func isTask(_ s: Int, resource: String?) -> Bool {
        shapes[s].kind == .task && (resource == nil || shapes[s].resource == nil || shapes[s].resource == resource)
    }

    /// The state entered last of those open that match.
    private func latestOpen(where matches: (Int) -> Bool) -> Int? {
        var best: Int?
        for s in tallies.indices where tallies[s].open > 0 && matches(s) {
            if best == nil || tallies[s].lastEntered > tallies[best!].lastEntered { best = s }
        }
        return best
    }

    static func isTaskStart(_ type: String) -> Bool {
        type == "TaskScheduled" || type == "LambdaFunctionScheduled" || type == "ActivityScheduled"
    }

    static func isTaskFailure(_ type: String) -> Bool {
        switch type {
        case "TaskFailed", "TaskTimedOut", "TaskStartFailed", "TaskSubmitFailed", "LambdaFunctionFailed",
            "LambdaFunctionTimedOut", "LambdaFunctionStartFailed", "LambdaFunctionScheduleFailed", "ActivityFailed",
            "ActivityTimedOut", "ActivityScheduleFailed":
            return true
        default:
            return false
        }
    }

    /// Every state's status; inside a Distributed Map, the Map's own, since its child executions' events are in
    /// their own histories, not this one (a Map that failed or was caught shows its states failed).
    func statuses() -> [String: StateRunStatus] {
        var result: [String: StateRunStatus] = [:]
        for (i, shape) in shapes.enumerated() {
            var status = tallies[i].status
            var container = shape.container
            while let name = container, let c = index[name] {
                if shapes[c].kind == .distributedMap {
                    let map = tallies[c].status
                    status = map == .caught ? .failed : map
                    break
                }
                container = shapes[c].container
            }
            if result[shape.name] == nil { result[shape.name] = status }
        }
        return result
    }
}
