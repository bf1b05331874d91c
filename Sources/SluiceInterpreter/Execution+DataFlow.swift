import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// The JSONPath data flow of a state: InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
extension Execution {
    /// The Map item being prepared, visible as `$$.Map.Item` inside ItemSelector.
    struct MapItem {
        var index: Int
        var value: JSONValue
    }

    // MARK: - Paths

    /// The value at a path (`$...`, `$$...` or `$var...`), or nil when it matches nothing.
    func resolve(
        _ text: String,
        input: JSONValue,
        frame: Int,
        mapItem: MapItem? = nil
    ) throws(StatesError) -> JSONValue? {
        guard let compiled = paths.lookup(text) ?? PathTable.compile(text) else {
            throw StatesError.runtime("Invalid path '\(text)'")
        }
        let document: JSONValue
        switch compiled.root {
        case .input: document = input
        case .context:
            // ItemSelector's `$$.Map.Item...` paths run once per item: give them just the Map part rather than
            // building the whole context object every time.
            if let mapItem, text.hasPrefix("$$.Map.") {
                document = ["Map": ["Item": ["Index": .int(mapItem.index), "Value": mapItem.value]]]
            } else {
                document = contextObject(frame: frame, mapItem: mapItem)
            }
        case .variable(let name):
            guard let value = variable(name, frame: frame) else {
                throw StatesError.runtime("Invalid path '\(text)': The variable '\(name)' is not defined")
            }
            document = value
        }
        guard let path = compiled.path else { return document }
        return path.evaluate(document)
    }

    /// A variable as the frame sees it: its own, else its enclosing frames'.
    func variable(_ name: String, frame: Int) -> JSONValue? {
        guard anyVariables else { return nil }
        var id: Int? = frame
        while let current = id, let f = frames[current] {
            if let v = f.variables[name] { return v }
            id = f.isolated ? nil : f.parent?.frame
        }
        return nil
    }

    /// `$$`: the context object for a frame's current state.
    func contextObject(frame: Int, mapItem: MapItem?) -> JSONValue {
        var execution = JSONObject()
        execution["Id"] = .string(context.executionArn)
        execution["Input"] = input
        execution["StartTime"] = .string(context.startTime.iso8601())
        execution["Name"] = .string(context.executionName)
        execution["RoleArn"] = .string(context.roleArn)
        // The context holds the count the execution was created with (the store's, in sluiced); a redrive handled
        // since counts too.
        execution["RedriveCount"] = .int(max(context.redriveCount, redriveCount))
        var state = JSONObject()
        var task: JSONValue?
        if let f = frames[frame] {
            task = taskContext(f)
            state["Name"] = .string(f.stateName)
            state["EnteredTime"] = .string(f.enteredTime.iso8601())
            if case .task = f.state.kind { state["RetryCount"] = .int(f.retryCount) }
        }
        var machine = JSONObject()
        machine["Id"] = .string(context.stateMachineArn)
        machine["Name"] = .string(context.stateMachineName)
        var object = JSONObject()
        object["Execution"] = .object(execution)
        object["StateMachine"] = .object(machine)
        object["State"] = .object(state)
        if let task { object["Task"] = task }
        if let mapItem {
            object["Map"] = ["Item": ["Index": .int(mapItem.index), "Value": mapItem.value]]
        }
        return .object(object)
    }

    /// AWS's detail for a definite path that found nothing: "Invalid path '$.x' : No results for path: $['x']".
    func noResults(_ text: String) -> String {
        if let (_, path) = JSONPath.splitRoot(text), let compiled = try? JSONPath(path) {
            return "Invalid path '\(text)' : No results for path: \(compiled.normalizedDescription)"
        }
        return "Invalid path '\(text)' : No results for path"
    }

    // MARK: - The pipeline

    /// InputPath: `null` gives `{}`; a path that matches nothing is a runtime error.
    func applyInputPath(_ field: OptionalPath, to raw: JSONValue, frame: Int) throws(StatesError) -> JSONValue {
        switch field {
        case .null: return .object(JSONObject())
        case .path("$"): return raw
        case .path(let p):
            guard let v = try resolve(p, input: raw, frame: frame) else { throw StatesError.runtime(noResults(p)) }
            return v
        }
    }

    /// OutputPath: the same rules as InputPath.
    func applyOutputPath(_ field: OptionalPath, to value: JSONValue, frame: Int) throws(StatesError) -> JSONValue {
        try applyInputPath(field, to: value, frame: frame)
    }

    /// ResultPath: where the result lands in the raw input; `null` keeps the input as it was.
    func applyResultPath(_ field: ResultPathField, raw: JSONValue, result: JSONValue) throws(StatesError) -> JSONValue {
        switch field {
        case .discard: return raw
        case .path("$"): return result
        case .path(let p):
            do {
                return try ReferencePath(p).setting(result, in: raw)
            } catch {
                throw StatesError(
                    StatesError.Name.resultPathMatchFailure,
                    cause: "Unable to apply ReferencePath \(p) to input \(raw.serialized())"
                )
            }
        }
    }

    /// InputPath then Parameters.
    func effectiveInput(_ state: State, raw: JSONValue, frame: Int) throws(StatesError) -> JSONValue {
        let afterInputPath = try applyInputPath(state.inputPath, to: raw, frame: frame)
        guard let parameters = state.parameters else { return afterInputPath }
        let effective = try evaluate(parameters, input: afterInputPath, frame: frame, fieldName: "Arguments")
        if let limit = payloadSizeLimit, !provablyFits(parameters, state: state, frame: frame, limit: limit),
            effective.serializedSize(exceeds: limit)
        {
            throw StatesError(
                StatesError.Name.dataLimitExceeded,
                cause:
                    "The state/task '\(state.name)' has an input with a size exceeding the maximum number of bytes service limit."
            )
        }
        return effective
    }

    /// Whether Parameters' output is known to be within `limit` without walking it: when the raw input's size is
    /// known (a batch) and the template holds only constants and whole-input references (`"Payload.$": "$"`),
    /// the output's size is the sum of their sizes.
    private func provablyFits(_ template: PayloadTemplate, state: State, frame: Int, limit: Int) -> Bool {
        guard state.inputPath == .root, let known = frames[frame]?.inputByteCount else { return false }
        guard let size = PayloadSize.bound(template, inputSize: known) else { return false }
        return size <= limit
    }

    /// Evaluates a compiled template (Parameters, ResultSelector, ItemSelector, Assign) against `input`.
    func evaluate(
        _ template: PayloadTemplate,
        input: JSONValue,
        frame: Int,
        mapItem: MapItem? = nil,
        fieldName: String? = nil
    ) throws(StatesError) -> JSONValue {
        switch template {
        case .constant(let v): return v
        case .jsonata(let t):
            return try evaluate(
                t,
                field: fieldName ?? "",
                scope: JSONataScope(input: input, mapItem: mapItem),
                frame: frame
            )
        case .array(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try evaluate(item, input: input, frame: frame, mapItem: mapItem)) }
            return .array(out)
        case .object(let fields):
            var out = JSONObject()
            for field in fields {
                out[field.key] = try evaluate(
                    field.value,
                    input: input,
                    frame: frame,
                    mapItem: mapItem,
                    fieldName: field.fieldName
                )
            }
            return .object(out)
        case .path(let p):
            guard let v = try resolve(p, input: input, frame: frame, mapItem: mapItem) else {
                throw StatesError.runtime(
                    "The JSONPath '\(p)' specified for the field '\(fieldName ?? "")' could not be found in the input '\(input.serialized())'"
                )
            }
            return v
        case .intrinsic(let call):
            var generator = rngCopy
            defer { _ = generator }
            return try IntrinsicEvaluator.evaluate(
                call,
                resolvePath: { (path: String) throws(StatesError) -> JSONValue in
                    guard let v = try self.resolve(path, input: input, frame: frame, mapItem: mapItem) else {
                        throw StatesError.runtime(
                            "The JSONPath '\(path)' specified for the field '\(fieldName ?? "")' could not be found in the input '\(input.serialized())'"
                        )
                    }
                    return v
                },
                random: &generator
            )
        }
    }

    /// A generator for intrinsics derived from the execution's state and event count, so evaluation stays a pure
    /// function of the persisted state (re-running the same step after a restart gives the same UUIDs).
    var rngCopy: SplitMix64 {
        SplitMix64(seed: rng.state &+ UInt64(truncatingIfNeeded: eventCount) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Computes an `Assign` block; the values are committed by the caller after the output is computed, because
    /// every expression of a state reads the variables as they were when the state started.
    func assignments(
        _ template: PayloadTemplate?,
        input: JSONValue,
        frame: Int
    ) throws(StatesError) -> [(String, JSONValue)] {
        guard let template else { return [] }
        guard case .object(let object) = try evaluate(template, input: input, frame: frame) else { return [] }
        return object.entries.map { ($0.key, $0.value) }
    }

    mutating func commit(_ assignments: [(String, JSONValue)], frame: Int) {
        guard !assignments.isEmpty else { return }
        anyVariables = true
        for (name, value) in assignments { frames[frame]?.variables[name] = value }
    }
}
