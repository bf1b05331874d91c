import SluiceASL
import SluiceJSON
import SluiceVocabulary

extension Execution {
    /// Retry, then Catch, then fail the frame: what AWS does with an error raised in a state.
    mutating func handleError(_ id: Int, _ error: StatesError) {
        guard var frame = frames[id] else { return }
        let state = frame.state
        // States.Runtime and States.DataLimitExceeded are terminal: no retrier or catcher sees them.
        let terminal = error.name == StatesError.Name.runtime || error.name == StatesError.Name.dataLimitExceeded
        if !terminal {
            if let index = state.retry.firstIndex(where: { Self.matches($0.errorEquals, error.name) }) {
                let retrier = state.retry[index]
                let attempt = frame.retryCounts.indices.contains(index) ? frame.retryCounts[index] : 0
                if attempt < retrier.maxAttempts {
                    var delay = Double(retrier.intervalSeconds) * pow(retrier.backoffRate, attempt)
                    if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
                    if retrier.jitterStrategy == .full {
                        delay = Double.random(in: 0...delay, using: &rng)
                    }
                    if frame.retryCounts.indices.contains(index) { frame.retryCounts[index] += 1 }
                    frame.retryCount += 1
                    let token = allocate()
                    tokens[token] = id
                    frame.phase = .retrying(token: token)
                    frames[id] = frame
                    effects.append(.startTimer(token: token, fireAt: now.adding(seconds: delay)))
                    return
                }
            }
            if let catcher = state.catch.first(where: { Self.matches($0.errorEquals, error.name) }) {
                var errorOutput = JSONObject()
                errorOutput["Error"] = .string(error.name)
                if let cause = error.cause { errorOutput["Cause"] = .string(cause) }
                if state.queryLanguage == .jsonata {
                    catchJSONata(id, catcher, errorOutput: .object(errorOutput))
                    return
                }
                do {
                    let combined = try applyResultPath(
                        catcher.resultPath,
                        raw: frame.input,
                        result: .object(errorOutput)
                    )
                    var problems: [DefinitionProblem] = []
                    let template = catcher.assign.map { PayloadTemplate.compile($0, location: "", problems: &problems) }
                    let assigned = try assignments(template, input: .object(errorOutput), frame: id)
                    commit(assigned, frame: id)
                    exit(id, output: combined, next: catcher.next)
                } catch {
                    frameFailed(id, located(error, frame: id))
                }
                return
            }
        }
        frameFailed(id, error)
    }

    /// A JSONata catcher: its Output (the error output by default) and Assign, with `$states.errorOutput` bound.
    private mutating func catchJSONata(_ id: Int, _ catcher: Catcher, errorOutput: JSONValue) {
        guard let frame = frames[id] else { return }
        do {
            let (output, assigned) = try jsonataOutcome(
                output: catcher.output,
                assign: catcher.jsonataAssign,
                scope: JSONataScope(input: frame.input, errorOutput: errorOutput),
                default: errorOutput,
                frame: id
            )
            commit(assigned, frame: id)
            exit(id, output: output, next: catcher.next)
        } catch {
            frameFailed(id, located(error, frame: id))
        }
    }

    /// Whether a retrier's or catcher's ErrorEquals names this error.
    static func matches(_ names: [String], _ error: String) -> Bool {
        for name in names {
            if name == error { return true }
            if name == StatesError.Name.all { return true }
            // States.TaskFailed is a wildcard for task errors, except a timeout.
            if name == StatesError.Name.taskFailed, error != StatesError.Name.timeout,
                error != StatesError.Name.heartbeatTimeout, !error.isEmpty
            {
                return true
            }
        }
        return false
    }

    /// The frame ended successfully with `output`.
    mutating func frameSucceeded(_ id: Int, output: JSONValue) {
        guard let frame = frames.removeValue(forKey: id) else { return }
        guard let parent = frame.parent else {
            record("ExecutionSucceeded", details: .payload([:], key: "output", payload: output))
            finish(.succeeded(output))
            return
        }
        childEnded(parent: parent.frame, slot: parent.slot, child: id, result: .success(output))
    }

    /// The frame failed with `error` (a Fail state, or an error nothing caught).
    mutating func frameFailed(_ id: Int, _ error: StatesError) {
        guard let frame = frames.removeValue(forKey: id) else { return }
        guard let parent = frame.parent else {
            redrivePoint = RedrivePoint(
                stateName: frame.stateName,
                input: frame.input,
                variables: frame.variables,
                map: failedMapRuns.removeValue(forKey: id)
            )
            fail(error: error)
            return
        }
        childEnded(parent: parent.frame, slot: parent.slot, child: id, result: .failure(error))
    }

    /// Ends a frame and everything below it, cancelling their effects (a sibling failed, or the map gave up).
    mutating func cancelTree(_ id: Int) {
        guard let frame = frames.removeValue(forKey: id) else { return }
        switch frame.phase {
        case .awaitingTask(let wait):
            for t in [wait.timeoutToken, wait.heartbeatToken].compactMap({ $0 }) {
                tokens[t] = nil
                effects.append(.cancelTimer(token: t))
            }
            tokens[wait.token] = nil
            effects.append(.cancelInvocation(token: wait.token))
        case .waiting(let token, _, _), .retrying(let token):
            tokens[token] = nil
            effects.append(.cancelTimer(token: token))
        case .joining(let join):
            for child in join.running { cancelTree(child) }
        default:
            break
        }
    }
}

/// `base` to the power of a whole exponent, without Foundation.
func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<max(0, exponent) { result *= base }
    return result
}
