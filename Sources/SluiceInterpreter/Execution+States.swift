import SluiceASL
import SluiceJSON
import SluiceVocabulary

extension Execution {
    /// Records the Entered event and gets the state ready to work.
    mutating func enter(_ id: Int) {
        let now = self.now
        let entered = modifyFrame(id) { frame -> (StateKind.EventTypes, String, JSONValue) in
            let (types, name, retriers) = frame.withState { ($0.kind.eventTypes, $0.name, $0.retry.count) }
            frame.enteredTime = now
            frame.retryCounts = Array(repeating: 0, count: retriers)
            frame.retryCount = 0
            frame.phase = .working
            return (types, name, frame.input)
        }
        guard let (types, name, input) = entered else { return }
        let eventId = record(types.entered, details: .stateEntered(name: name, input: input))
        modifyFrame(id) { $0.enteredEventId = eventId }
    }

    /// Does the current state's work: completes it, or leaves it waiting on an effect.
    mutating func work(_ id: Int) {
        guard let frame = readFrame(id, { (state: $0.state, input: $0.input) }) else { return }
        let state = frame.state
        do {
            switch state.kind {
            case .pass(let pass):
                let effective = try effectiveInput(state, raw: frame.input, frame: id)
                try complete(id, result: pass.result ?? effective, state: state, input: frame.input)
            case .choice(let choice):
                try runChoice(id, choice)
            case .wait(let wait):
                try runWait(id, wait)
            case .succeed where state.queryLanguage == .jsonata:
                let (output, _) = try jsonataOutcome(state, scope: JSONataScope(input: frame.input), frame: id)
                exit(id, output: output, state: state)
            case .succeed:
                let effective = try applyInputPath(state.inputPath, to: frame.input, frame: id)
                let output = try applyOutputPath(state.outputPath, to: effective, frame: id)
                exit(id, output: output, state: state)
            case .fail(let fail):
                let error = try failField(fail.error, field: "Error", input: frame.input, frame: id)
                let cause = try failField(fail.cause, field: "Cause", input: frame.input, frame: id)
                frameFailed(id, StatesError(error ?? "", cause: cause))
            case .task(let task):
                try runTask(id, task)
            case .parallel(let parallel):
                try runParallel(id, parallel)
            case .map(let map):
                try runMap(id, map)
            }
        } catch {
            handleError(id, located(error, frame: id))
        }
    }

    /// Adds AWS's location prefix to errors the interpreter raises itself.
    func located(_ error: StatesError, frame: Int) -> StatesError {
        // Quota errors carry their own complete sentence, as AWS reports them.
        guard let f = frames[frame], error.name != StatesError.Name.dataLimitExceeded else { return error }
        let prefix =
            "An error occurred while executing the state '\(f.stateName)' (entered at the event id #\(f.enteredEventId))."
        var e = error
        e.cause = error.cause.map { prefix + " " + $0 } ?? prefix
        return e
    }

    private func failField(_ source: ValueSource<String>?, field: String, input: JSONValue, frame id: Int)
        throws(StatesError) -> String?
    {
        switch source {
        case nil: return nil
        case .literal(let s): return s
        case .query(let q):
            let v = try evaluate(q, field: field, scope: JSONataScope(input: input), frame: id)
            guard case .string(let s) = v else { throw unexpectedType(q, field: field, expected: "string", value: v) }
            return s
        case .path(let p):
            let value: JSONValue?
            if IntrinsicCall.looksLikeCall(p) {
                let call: IntrinsicCall
                do {
                    call = try IntrinsicCall.parse(p)
                } catch {
                    throw StatesError.runtime("Invalid intrinsic function call in \(field)Path: \(error.message)")
                }
                value = try evaluate(.intrinsic(call), input: input, frame: id, fieldName: field + "Path")
            } else {
                value = try resolve(p, input: input, frame: id)
            }
            guard let v = value else {
                throw StatesError.runtime(
                    "The JSONPath '\(p)' specified for the field '\(field)Path' could not be found in the input '\(input.serialized())'"
                )
            }
            if case .string(let s) = v { return s }
            return v.serialized()
        }
    }

    /// ResultSelector, ResultPath, OutputPath and Assign, then the transition.
    mutating func complete(_ id: Int, result: JSONValue) throws(StatesError) {
        guard let frame = readFrame(id, { (state: $0.state, input: $0.input) }) else { return }
        try complete(id, result: result, state: frame.state, input: frame.input)
    }

    /// The same, given the frame's current state and raw input (the caller has them at hand).
    mutating func complete(_ id: Int, result: JSONValue, state: State, input: JSONValue) throws(StatesError) {
        if state.queryLanguage == .jsonata {
            let scope = JSONataScope(input: input, result: result)
            let (output, assigned) = try jsonataOutcome(state, scope: scope, default: result, frame: id)
            commit(assigned, frame: id)
            exit(id, output: output, state: state)
            return
        }
        var selected = result
        if let selector = state.resultSelector {
            selected = try evaluate(selector, input: result, frame: id)
        }
        let combined = try applyResultPath(state.resultPath, raw: input, result: selected)
        let output = try applyOutputPath(state.outputPath, to: combined, frame: id)
        let assigned = try assignments(state.assign, input: selected, frame: id)
        commit(assigned, frame: id)
        exit(id, output: output, state: state)
    }

    /// Records the Exited event and follows the transition (or ends the frame).
    mutating func exit(_ id: Int, output: JSONValue, next explicitNext: String? = nil) {
        guard let state = readFrame(id, { $0.state }) else { return }
        exit(id, output: output, next: explicitNext, state: state)
    }

    /// The same, given the frame's current state. The frame is changed where it is stored, after `record`:
    /// `record` may count the event on this very frame (a child execution's root), which a copy taken before
    /// and written back after would undo.
    mutating func exit(_ id: Int, output: JSONValue, next explicitNext: String? = nil, state: State) {
        guard frames.index(forKey: id) != nil else { return }
        if let limit = payloadSizeLimit, output.serializedSize(exceeds: limit) {
            handleError(
                id,
                StatesError(
                    StatesError.Name.dataLimitExceeded,
                    cause:
                        "The state/task '\(state.name)' returned a result with a size exceeding the maximum number of bytes service limit."
                )
            )
            return
        }
        record(state.kind.eventTypes.exited, details: .stateExited(name: state.name, output: output))
        let next: String?
        if let explicitNext {
            next = explicitNext
        } else if case .next(let n)? = state.transition {
            next = n
        } else {
            next = nil
        }
        guard let next else {
            modifyFrame(id) { $0.phase = .done }
            frameSucceeded(id, output: output)
            return
        }
        modifyFrame(id) { frame in
            frame.stateName = next
            frame.input = output
            frame.phase = .entering
        }
    }

    // MARK: - Choice

    private mutating func runChoice(_ id: Int, _ choice: ChoiceState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let effective = try applyInputPath(state.inputPath, to: frame.input, frame: id)
        var next: String?
        var assign = state.assign
        if state.queryLanguage == .jsonata {
            try runJSONataChoice(id, choice)
            return
        }
        for candidate in choice.choices {
            let matched = try ChoiceEvaluator.matches(candidate.rule) {
                (path: String) throws(StatesError) -> JSONValue? in
                try self.resolve(path, input: effective, frame: id)
            }
            if matched {
                next = candidate.next
                var problems: [DefinitionProblem] = []
                assign = candidate.assign.map { PayloadTemplate.compile($0, location: "", problems: &problems) }
                break
            }
        }
        if next == nil {
            guard let defaultNext = choice.defaultNext else {
                throw StatesError(StatesError.Name.noChoiceMatched, cause: "No Matches!")
            }
            next = defaultNext
        }
        let output = try applyOutputPath(state.outputPath, to: effective, frame: id)
        let assigned = try assignments(assign, input: effective, frame: id)
        commit(assigned, frame: id)
        exit(id, output: output, next: next)
    }

    // MARK: - Wait

    private mutating func runWait(_ id: Int, _ wait: WaitState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let effective = try applyInputPath(state.inputPath, to: frame.input, frame: id)
        let fireAt: Timestamp
        switch wait {
        case .seconds(.literal(let s)): fireAt = now.adding(seconds: Double(s))
        case .seconds(.query(let q)):
            fireAt = now.adding(seconds: Double(try wholeNumber(q, field: "Seconds", input: effective, frame: id)))
        case .timestamp(.query(let q)):
            let v = try evaluate(q, field: "Timestamp", scope: JSONataScope(input: effective), frame: id)
            guard case .string(let s) = v else {
                throw unexpectedType(q, field: "Timestamp", expected: "string", value: v)
            }
            guard let ts = Timestamp.parse(s) else {
                throw StatesError(
                    StatesError.Name.queryEvaluationError,
                    cause:
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(s)"
                )
            }
            fireAt = ts
        case .seconds(.path(let p)):
            guard let v = try resolve(p, input: effective, frame: id) else {
                throw StatesError.runtime("The SecondsPath parameter does not reference an input value: \(p)")
            }
            guard let seconds = v.intValue, v.isNumber, seconds >= 0 else {
                if let n = v.doubleValue, n.rounded() == n, n < 0 {
                    throw StatesError.runtime(
                        "The SecondsPath parameter references a negative value: \(p) == \(v.serialized())"
                    )
                }
                throw StatesError.runtime(
                    "The SecondsPath parameter cannot be parsed as a long value: \(p) == \(v.serialized())"
                )
            }
            fireAt = now.adding(seconds: Double(seconds))
        case .timestamp(.literal(let t)):
            guard let ts = Timestamp.parse(t) else {
                throw StatesError.runtime(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(t)"
                )
            }
            fireAt = ts
        case .timestamp(.path(let p)):
            guard let v = try resolve(p, input: effective, frame: id) else {
                throw StatesError.runtime("The TimestampPath parameter does not reference an input value: \(p)")
            }
            guard case .string(let s) = v, let ts = Timestamp.parse(s) else {
                let shown = v.stringValue ?? v.serialized()
                throw StatesError.runtime(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(p) == \(shown)"
                )
            }
            fireAt = ts
        }
        let output: JSONValue
        let assigned: [(String, JSONValue)]
        if state.queryLanguage == .jsonata {
            (output, assigned) = try jsonataOutcome(state, scope: JSONataScope(input: effective), frame: id)
        } else {
            output = try applyOutputPath(state.outputPath, to: effective, frame: id)
            assigned = try assignments(state.assign, input: effective, frame: id)
        }
        if fireAt <= now {
            commit(assigned, frame: id)
            exit(id, output: output)
            return
        }
        let token = allocate()
        tokens[token] = id
        modifyFrame(id) { $0.phase = .waiting(token: token, output: output, assignments: assigned) }
        effects.append(.startTimer(token: token, fireAt: fireAt))
    }

    // MARK: - Task

    private mutating func runTask(_ id: Int, _ task: TaskState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let taskToken = mintTaskToken(id, resource: task.resource)
        let effective = try effectiveInput(state, raw: frame.input, frame: id)
        let timeout = try seconds(task.timeoutSeconds, field: "TimeoutSeconds", input: frame.input, frame: id)
        let heartbeat = try seconds(task.heartbeatSeconds, field: "HeartbeatSeconds", input: frame.input, frame: id)
        let token = allocate()
        tokens[token] = id
        var scheduled = JSONObject()
        scheduled["resource"] = .string(task.resource)
        if let timeout { scheduled["timeoutInSeconds"] = .int(timeout) }
        if let heartbeat { scheduled["heartbeatInSeconds"] = .int(heartbeat) }
        // The parameters are serialized only if someone reads the history (a batch can be 256 KiB).
        record("TaskScheduled", details: .payload(scheduled, key: "parameters", payload: effective))
        record("TaskStarted", ["resource": .string(task.resource)])
        var wait = Frame.TaskWait(token: token, heartbeatSeconds: heartbeat)
        if let timeout {
            let t = allocate()
            tokens[t] = id
            wait.timeoutToken = t
            effects.append(.startTimer(token: t, fireAt: now.adding(seconds: Double(timeout))))
        }
        if let heartbeat {
            let t = allocate()
            tokens[t] = id
            wait.heartbeatToken = t
            effects.append(.startTimer(token: t, fireAt: now.adding(seconds: Double(heartbeat))))
        }
        modifyFrame(id) { $0.phase = .awaitingTask(wait) }
        effects.append(
            .invoke(
                TaskInvocation(
                    token: token,
                    resource: task.resource,
                    input: effective,
                    stateName: state.name,
                    timeoutSeconds: timeout,
                    heartbeatSeconds: heartbeat,
                    taskToken: taskToken
                )
            )
        )
    }

    /// A positive whole number of seconds from a literal or a path.
    func seconds(_ source: ValueSource<Int>?, field: String, input: JSONValue, frame: Int) throws(StatesError) -> Int? {
        switch source {
        case nil: return nil
        case .literal(let s): return s
        case .query(let q): return try wholeNumber(q, field: field, input: input, frame: frame, minimum: 1)
        case .path(let p):
            guard let v = try resolve(p, input: input, frame: frame) else {
                throw StatesError.runtime(noResults(p))
            }
            guard v.isNumber, let s = v.intValue, s > 0 else {
                throw StatesError.runtime(
                    "The \(field)Path parameter does not reference a positive integer: \(p) == \(v.serialized())"
                )
            }
            return s
        }
    }

    mutating func taskSucceeded(token: Int, output: JSONValue) {
        guard let id = tokens.removeValue(forKey: token), let frame = frames[id],
            case .awaitingTask(let wait) = frame.phase, wait.token == token
        else { return }
        activeFrame = id
        defer { activeFrame = nil }
        clearTaskTimers(wait)
        modifyFrame(id) { $0.phase = .working }
        if let limit = payloadSizeLimit, output.serializedSize(exceeds: limit) {
            record(
                "TaskFailed",
                ["resource": .string(resourceName(frame)), "error": .string(StatesError.Name.dataLimitExceeded)]
            )
            handleError(
                id,
                StatesError(
                    StatesError.Name.dataLimitExceeded,
                    cause:
                        "The state/task '\(resourceName(frame))' returned a result with a size exceeding the maximum number of bytes service limit."
                )
            )
            schedule(id)
            return
        }
        record(
            "TaskSucceeded",
            details: .payload(["resource": .string(resourceName(frame))], key: "output", payload: output)
        )
        do {
            try complete(id, result: output)
        } catch {
            handleError(id, located(error, frame: id))
        }
        schedule(id)
    }

    mutating func taskFailed(token: Int, error: String?, cause: String?) {
        guard let id = tokens.removeValue(forKey: token), let frame = frames[id],
            case .awaitingTask(let wait) = frame.phase, wait.token == token
        else { return }
        activeFrame = id
        defer { activeFrame = nil }
        clearTaskTimers(wait)
        var details = JSONObject()
        details["resource"] = .string(resourceName(frame))
        if let error { details["error"] = .string(error) }
        if let cause { details["cause"] = .string(cause) }
        record("TaskFailed", details)
        modifyFrame(id) { $0.phase = .working }
        handleError(id, StatesError(error ?? "", cause: cause))
        schedule(id)
    }

    mutating func taskHeartbeat(token: Int) {
        guard let id = tokens[token], let frame = frames[id], case .awaitingTask(var wait) = frame.phase,
            wait.token == token, let old = wait.heartbeatToken, let seconds = wait.heartbeatSeconds
        else { return }
        tokens[old] = nil
        effects.append(.cancelTimer(token: old))
        let t = allocate()
        tokens[t] = id
        wait.heartbeatToken = t
        modifyFrame(id) { $0.phase = .awaitingTask(wait) }
        effects.append(.startTimer(token: t, fireAt: now.adding(seconds: Double(seconds))))
    }

    private mutating func clearTaskTimers(_ wait: Frame.TaskWait) {
        for t in [wait.timeoutToken, wait.heartbeatToken].compactMap({ $0 }) {
            tokens[t] = nil
            effects.append(.cancelTimer(token: t))
        }
    }

    private func resourceName(_ frame: Frame) -> String {
        if case .task(let t) = frame.state.kind { return t.resource }
        return ""
    }

    // MARK: - Timers

    mutating func timerFired(token: Int) {
        guard let id = tokens.removeValue(forKey: token) else { return }
        if id == -1 {
            record("ExecutionTimedOut", ["error": "States.Timeout", "cause": "The execution timed out."])
            finish(.timedOut(error: StatesError.Name.timeout, cause: nil))
            return
        }
        guard let frame = frames[id] else { return }
        activeFrame = id
        defer { activeFrame = nil }
        switch frame.phase {
        case .waiting(let t, let output, let assigned) where t == token:
            commit(assigned, frame: id)
            exit(id, output: output)
            schedule(id)
        case .retrying(let t) where t == token:
            modifyFrame(id) { $0.phase = .working }
            schedule(id)
        case .awaitingTask(let wait) where wait.timeoutToken == token || wait.heartbeatToken == token:
            let name = wait.timeoutToken == token ? StatesError.Name.timeout : StatesError.Name.heartbeatTimeout
            tokens[wait.token] = nil
            effects.append(.cancelInvocation(token: wait.token))
            let other = wait.timeoutToken == token ? wait.heartbeatToken : wait.timeoutToken
            if let other {
                tokens[other] = nil
                effects.append(.cancelTimer(token: other))
            }
            record("TaskTimedOut", ["resource": .string(resourceName(frame)), "error": .string(name)])
            modifyFrame(id) { $0.phase = .working }
            handleError(id, StatesError(name, cause: nil))
            schedule(id)
        default:
            break
        }
    }
}
