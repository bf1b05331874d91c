import SluiceASL
import SluiceJSON

extension Execution {
    mutating func runParallel(_ id: Int, _ parallel: ParallelState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let effective = try effectiveInput(frame.state, raw: frame.input, frame: id)
        let started = record("ParallelStateStarted")
        var join = Join(kind: .parallel, results: Array(repeating: nil, count: parallel.branches.count))
        join.startedEventId = started
        for (slot, branch) in parallel.branches.enumerated() {
            let child = newFrame(machine: branch, parent: .init(frame: id, slot: slot), input: effective)
            join.running.insert(child)
            schedule(child)
        }
        modifyFrame(id) { $0.phase = .joining(join) }
        if parallel.branches.isEmpty { try joinCompleted(id, join) }
    }

    /// A child frame (branch or iteration) ended.
    mutating func childEnded(parent id: Int, slot: Int, child: Int, result: Result<JSONValue, StatesError>) {
        let previous = activeFrame
        activeFrame = id
        defer { activeFrame = previous }
        guard var join = takeJoin(id) else { return }
        join.running.remove(child)
        switch join.kind {
        case .parallel:
            switch result {
            case .success(let output):
                join.results[slot] = output
                join.succeeded += 1
                modifyFrame(id) { $0.phase = .joining(join) }
                if join.running.isEmpty { finishJoin(id, join) }
            case .failure(let error):
                for other in join.running { cancelTree(other) }
                modifyFrame(id) { $0.phase = .working }
                record("ParallelStateFailed", failureDetails(error))
                handleError(id, error)
                schedule(id)
            }
        case .map:
            mapChildEnded(id, child: child, join: &join, result: result)
        }
    }

    /// Moves a Map or Parallel state's join out of its frame, so that the arrays inside it are uniquely referenced
    /// and can be updated in place (copying them on every child's end would make a large Map quadratic).
    mutating func takeJoin(_ id: Int) -> Join? {
        modifyFrame(id) { frame -> Join? in
            guard case .joining(let join) = frame.phase else { return nil }
            frame.phase = .working
            return join
        } ?? nil
    }

    func failureDetails(_ error: StatesError) -> JSONObject {
        var details = JSONObject()
        if !error.name.isEmpty { details["error"] = .string(error.name) }
        if let cause = error.cause { details["cause"] = .string(cause) }
        return details
    }

    /// All children succeeded: the results array is the state's result.
    mutating func finishJoin(_ id: Int, _ join: Join) {
        modifyFrame(id) { $0.phase = .working }
        do {
            try joinCompleted(id, join)
        } catch {
            handleError(id, located(error, frame: id))
        }
        schedule(id)
    }

    private mutating func joinCompleted(_ id: Int, _ join: Join) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let type = frame.state.typeName
        record("\(type)StateSucceeded")
        modifyFrame(id) { $0.phase = .working }
        try complete(id, result: .array(join.results.map { $0 ?? .null }))
    }
}
