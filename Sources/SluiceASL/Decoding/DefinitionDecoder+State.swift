import SluiceJSON

extension DefinitionDecoder {
    mutating func state(name: String, json: JSONValue, location: String, inherited: QueryLanguage) -> State? {
        guard case .object(let object) = json else {
            problems.append(DefinitionProblem(location: location, message: "A state must be an object"))
            return nil
        }
        var r = FieldReader(object, location: location)
        guard let type = r.string("Type", &problems) else {
            if !r.has("Type") {
                problems.append(DefinitionProblem(location: location, message: "The field 'Type' is required"))
            }
            return nil
        }
        let comment = r.string("Comment", &problems)
        var language = inherited
        if let ql = r.string("QueryLanguage", &problems),
            let parsed = queryLanguage(ql, location: r.at("QueryLanguage"))
        {
            language = parsed
        }
        if language == .jsonPath, inherited == .jsonata {
            problems.append(
                DefinitionProblem(
                    code: "SCHEMA_VALIDATION_FAILED",
                    location: r.at("QueryLanguage"),
                    message: "A state may not use JSONPath when its state machine's QueryLanguage is 'JSONata'"
                )
            )
        }
        // Nested machines (Parallel branches, Map processors) read their own states; this state's fields are read
        // in its own language once they are done.
        let enclosing = self.language
        defer { self.language = enclosing }
        self.language = language
        checkLanguageFields(&r, language: language)
        let kind: StateKind
        switch type {
        case "Pass": kind = pass(&r)
        case "Task":
            guard let task = task(&r) else { return nil }
            kind = task
        case "Choice":
            guard let choice = choice(&r) else { return nil }
            kind = choice
        case "Wait":
            guard let wait = wait(&r) else { return nil }
            kind = wait
        case "Succeed": kind = .succeed
        case "Fail": kind = fail(&r)
        case "Parallel":
            guard let parallel = parallel(&r, language: language) else { return nil }
            kind = parallel
        case "Map":
            guard let map = map(&r, language: language) else { return nil }
            kind = map
        default:
            problems.append(DefinitionProblem(location: r.at("Type"), message: "Unknown state type '\(type)'"))
            return nil
        }
        var state = State(name: name, kind: kind)
        state.comment = comment
        state.queryLanguage = language
        common(&state, &r)
        r.reportUnknown(&problems)
        return state
    }

    /// The fields several types share, each read only where AWS allows it.
    private mutating func common(_ state: inout State, _ r: inout FieldReader) {
        let kind = state.kind
        let terminal: Bool
        switch kind {
        case .choice, .succeed, .fail: terminal = true
        default: terminal = false
        }
        if !terminal {
            let next = r.string("Next", &problems)
            let end = r.bool("End", &problems)
            switch (next, end) {
            case (let next?, nil), (let next?, false?): state.transition = .next(next)
            case (nil, true?): state.transition = .end
            case (_?, true?):
                problems.append(
                    DefinitionProblem(location: r.location, message: "A state may not have both 'Next' and 'End'")
                )
            default:
                if !r.has("Next") {
                    problems.append(
                        DefinitionProblem(
                            code: "MISSING_TRANSITION_TARGET",
                            location: r.location,
                            message: "This state must have either 'Next' or 'End': true"
                        )
                    )
                }
            }
        }
        if language == .jsonata {
            jsonataFields(&state, &r)
            return
        }
        if case .fail = kind {
        } else {
            if let p = optionalPath("InputPath", &r) { state.inputPath = p }
            if let p = optionalPath("OutputPath", &r) { state.outputPath = p }
        }
        switch kind {
        case .pass, .task, .parallel:
            if let p = r.raw("Parameters") {
                state.parameters = PayloadTemplate.compile(p, location: r.at("Parameters"), problems: &problems)
            }
        default: break
        }
        switch kind {
        case .task, .parallel, .map:
            if let p = r.raw("ResultSelector") {
                state.resultSelector = PayloadTemplate.compile(p, location: r.at("ResultSelector"), problems: &problems)
            }
            state.retry = retriers(&r)
            state.catch = catchers(&r)
        default: break
        }
        switch kind {
        case .pass, .task, .parallel, .map:
            if let rp = resultPath("ResultPath", &r) { state.resultPath = rp }
        default: break
        }
        switch kind {
        case .succeed, .fail: break
        default:
            if let a = r.raw("Assign") { state.assign = assign(a, location: r.at("Assign")) }
        }
    }

    /// A JSONata state's Arguments, Output, Retry, Catch and Assign.
    private mutating func jsonataFields(_ state: inout State, _ r: inout FieldReader) {
        let kind = state.kind
        switch kind {
        case .task, .parallel:
            if let a = r.raw("Arguments") { state.parameters = jsonataTemplate(a, location: r.at("Arguments")) }
        default: break
        }
        switch kind {
        case .task, .parallel, .map:
            state.retry = retriers(&r)
            state.catch = catchers(&r)
        default: break
        }
        if case .fail = kind {
        } else if let o = r.raw("Output") {
            state.output = jsonataTemplate(o, location: r.at("Output"))
        }
        switch kind {
        case .succeed, .fail: break
        default:
            if let a = r.raw("Assign") { state.assign = assign(a, location: r.at("Assign")) }
        }
    }

    /// `Assign`: an object template, in the state's query language.
    mutating func assign(_ json: JSONValue, location: String) -> PayloadTemplate? {
        guard case .object(let object) = json else {
            problems.append(DefinitionProblem(location: location, message: "The field 'Assign' must be an object"))
            return nil
        }
        guard language == .jsonata else {
            return PayloadTemplate.compile(json, location: location, problems: &problems)
        }
        for key in object.keys where key == "states" {
            problems.append(
                DefinitionProblem(
                    code: "SCHEMA_VALIDATION_FAILED",
                    location: location + "/" + key,
                    message: "The variable name 'states' is reserved"
                )
            )
        }
        return jsonataTemplate(json, location: location)
    }

    mutating func optionalPath(_ key: String, _ r: inout FieldReader) -> OptionalPath? {
        guard let v = r.raw(key) else { return nil }
        if case .null = v { return .null }
        guard case .string(let s) = v else {
            problems.append(r.typeProblem(key, expected: "STRING", got: v))
            return nil
        }
        if let problem = PathSyntax.check(s) {
            problems.append(
                DefinitionProblem(
                    code: "INVALID_JSON_PATH",
                    location: r.at(key),
                    message: "The value for the field '\(key)' must be a valid JSONPath: \(problem)"
                )
            )
            return nil
        }
        return .path(s)
    }

    mutating func resultPath(_ key: String, _ r: inout FieldReader) -> ResultPathField? {
        guard let v = r.raw(key) else { return nil }
        if case .null = v { return .discard }
        guard case .string(let s) = v else {
            problems.append(r.typeProblem(key, expected: "STRING", got: v))
            return nil
        }
        if let problem = PathSyntax.checkReference(s) {
            problems.append(
                DefinitionProblem(
                    code: "INVALID_JSON_PATH",
                    location: r.at(key),
                    message: "The value for the field '\(key)' must be a valid ReferencePath: \(problem)"
                )
            )
            return nil
        }
        return .path(s)
    }

    /// A literal field or its `...Path` twin; both at once is an error.
    mutating func valueOrPath<T>(
        _ key: String,
        _ r: inout FieldReader,
        read: (inout FieldReader, inout [DefinitionProblem]) -> T?
    ) -> ValueSource<T>? {
        if language == .jsonata { return literalOrQuery(key, &r, read: read) }
        let pathKey = key + "Path"
        if r.has(key), r.has(pathKey) {
            problems.append(
                DefinitionProblem(location: r.location, message: "'\(key)' and '\(pathKey)' cannot both be set")
            )
        }
        if let literal = read(&r, &problems) { return .literal(literal) }
        if let path = r.path(pathKey, &problems) { return .path(path) }
        return nil
    }

    private mutating func pass(_ r: inout FieldReader) -> StateKind {
        var pass = PassState()
        if language == .jsonPath { pass.result = r.raw("Result") }
        return .pass(pass)
    }

    private mutating func task(_ r: inout FieldReader) -> StateKind? {
        guard let resource = r.string("Resource", &problems) else {
            if !r.has("Resource") {
                problems.append(DefinitionProblem(location: r.location, message: "The field 'Resource' is required"))
            }
            return nil
        }
        var task = TaskState(resource: resource)
        task.timeoutSeconds = valueOrPath("TimeoutSeconds", &r) { r, p in
            r.int("TimeoutSeconds", &p, minimum: 1, maximum: 99_999_999)
        }
        task.heartbeatSeconds = valueOrPath("HeartbeatSeconds", &r) { r, p in
            r.int("HeartbeatSeconds", &p, minimum: 1, maximum: 99_999_999)
        }
        if case .literal(let timeout)? = task.timeoutSeconds, case .literal(let heartbeat)? = task.heartbeatSeconds,
            heartbeat >= timeout
        {
            problems.append(
                DefinitionProblem(
                    location: r.at("HeartbeatSeconds"),
                    message: "HeartbeatSeconds must be smaller than TimeoutSeconds"
                )
            )
        }
        task.credentials = r.raw("Credentials")
        return .task(task)
    }

    private mutating func choice(_ r: inout FieldReader) -> StateKind? {
        var choices: [Choice] = []
        if let array = r.array("Choices", &problems) {
            if array.isEmpty {
                problems.append(DefinitionProblem(location: r.at("Choices"), message: "'Choices' must not be empty"))
            }
            for (i, item) in array.enumerated() {
                let here = r.at("Choices") + "[\(i)]"
                if language == .jsonata {
                    if let c = jsonataChoice(item, location: here) { choices.append(c) }
                } else if let c = Choice.decode(item, location: here, problems: &problems) {
                    choices.append(c)
                }
            }
        } else if !r.has("Choices") {
            problems.append(DefinitionProblem(location: r.location, message: "The field 'Choices' is required"))
        }
        let defaultNext = r.string("Default", &problems)
        return .choice(ChoiceState(choices: choices, defaultNext: defaultNext))
    }

    private mutating func wait(_ r: inout FieldReader) -> StateKind? {
        if language == .jsonata { return jsonataWait(&r) }
        let fields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { r.has($0) }
        if fields.count != 1 {
            problems.append(
                DefinitionProblem(
                    location: r.location,
                    message:
                        "A Wait state must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'"
                )
            )
            for f in fields { _ = r.raw(f) }
            return nil
        }
        if let s = valueOrPath("Seconds", &r, read: { r, p in r.int("Seconds", &p, minimum: 0, maximum: 99_999_999) }) {
            return .wait(.seconds(s))
        }
        if r.has("Timestamp") {
            // An unparsable literal is not refused here: AWS accepts the definition and fails the execution when the
            // state runs ("The Timestamp field cannot be parsed ..."), and sluice does the same.
            guard let t = r.string("Timestamp", &problems) else { return nil }
            return .wait(.timestamp(.literal(t)))
        }
        if let p = r.path("TimestampPath", &problems) { return .wait(.timestamp(.path(p))) }
        return nil
    }

    /// A JSONata Wait: `Seconds` or `Timestamp`, each a literal or an expression.
    private mutating func jsonataWait(_ r: inout FieldReader) -> StateKind? {
        let fields = ["Seconds", "Timestamp"].filter { r.has($0) }
        guard fields.count == 1 else {
            problems.append(
                DefinitionProblem(
                    location: r.location,
                    message: "A Wait state must have exactly one of 'Seconds' or 'Timestamp'"
                )
            )
            for f in fields { _ = r.raw(f) }
            return nil
        }
        if r.has("Seconds") {
            let s = literalOrQuery("Seconds", &r) { r, p in r.int("Seconds", &p, minimum: 0, maximum: 99_999_999) }
            return s.map { .wait(.seconds($0)) }
        }
        let t = literalOrQuery("Timestamp", &r) { r, p in r.string("Timestamp", &p) }
        return t.map { .wait(.timestamp($0)) }
    }

    private mutating func fail(_ r: inout FieldReader) -> StateKind {
        var fail = FailState()
        fail.error = failField("Error", &r)
        fail.cause = failField("Cause", &r)
        return .fail(fail)
    }

    /// Fail's Error / Cause, or ErrorPath / CausePath, which may also hold an intrinsic function call.
    private mutating func failField(_ key: String, _ r: inout FieldReader) -> ValueSource<String>? {
        if language == .jsonata { return literalOrQuery(key, &r) { r, p in r.string(key, &p) } }
        let pathKey = key + "Path"
        if r.has(key), r.has(pathKey) {
            problems.append(
                DefinitionProblem(location: r.location, message: "'\(key)' and '\(pathKey)' cannot both be set")
            )
        }
        if let literal = r.string(key, &problems) { return .literal(literal) }
        guard r.has(pathKey) else { return nil }
        if case .string(let text)? = r.object[pathKey], IntrinsicCall.looksLikeCall(text) {
            _ = r.raw(pathKey)
            do {
                _ = try IntrinsicCall.parse(text)
            } catch {
                problems.append(
                    DefinitionProblem(
                        code: "INVALID_INTRINSIC_FUNCTION",
                        location: r.at(pathKey),
                        message:
                            "The value for the field '\(pathKey)' must be a valid JSONPath or intrinsic function call: \(error.message)"
                    )
                )
                return nil
            }
            return .path(text)
        }
        if let path = r.path(pathKey, &problems) { return .path(path) }
        return nil
    }

    private mutating func parallel(_ r: inout FieldReader, language: QueryLanguage) -> StateKind? {
        guard let branches = r.array("Branches", &problems) else {
            if !r.has("Branches") {
                problems.append(DefinitionProblem(location: r.location, message: "The field 'Branches' is required"))
            }
            return nil
        }
        var machines: [StateMachineDefinition] = []
        for (i, b) in branches.enumerated() {
            let here = r.at("Branches") + "[\(i)]"
            if let m = machine(b, location: here, topLevel: false, inherited: language) {
                machines.append(m)
                problems += GraphValidator.validate(m, location: here)
            }
        }
        return .parallel(ParallelState(branches: machines))
    }
}
