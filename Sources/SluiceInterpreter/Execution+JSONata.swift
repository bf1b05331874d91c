import SluiceASL
import SluiceJSON
import SluiceJSONata
import SluiceVocabulary

/// JSONata states' fields: `{% %}` expressions evaluated with `$states` and the variables in scope bound.
///
/// Every failure is `States.QueryEvaluationError` with AWS's cause: the expression and the field, then what went
/// wrong (an error of the language with its code, nothing returned, or a value of the wrong type).
extension Execution {
    /// Evaluates a JSONata field's template; `field` is its name as AWS quotes it (`Output`, `Arguments`, ...).
    func evaluate(_ template: JSONataTemplate, field: String, scope: JSONataScope, frame: Int) throws(StatesError)
        -> JSONValue
    {
        switch template {
        case .constant(let v): return v
        case .query(let q): return try evaluate(q, field: field, scope: scope, frame: frame)
        case .array(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try evaluate(item, field: "\(field)[\(i)]", scope: scope, frame: frame))
            }
            return .array(out)
        case .object(let fields):
            var out = JSONObject()
            for f in fields {
                out[f.key] = try evaluate(f.value, field: field + "/" + f.key, scope: scope, frame: frame)
            }
            return .object(out)
        }
    }

    /// A JSONata template of a JSONata state (`PayloadTemplate.jsonata`); other templates evaluate as JSONPath.
    func evaluate(_ template: PayloadTemplate, field: String, scope: JSONataScope, frame: Int) throws(StatesError)
        -> JSONValue
    {
        guard case .jsonata(let t) = template else {
            return try evaluate(template, input: scope.input, frame: frame, mapItem: scope.mapItem)
        }
        return try evaluate(t, field: field, scope: scope, frame: frame)
    }

    /// One expression; nothing (undefined) is an error, as on AWS.
    func evaluate(_ query: JSONataQuery, field: String, scope: JSONataScope, frame: Int) throws(StatesError)
        -> JSONValue
    {
        guard let value = try evaluateOptional(query, field: field, scope: scope, frame: frame) else {
            throw queryError(query, field: field, "returned nothing (undefined).")
        }
        return value
    }

    /// One expression, undefined as nil.
    func evaluateOptional(_ query: JSONataQuery, field: String, scope: JSONataScope, frame: Int) throws(StatesError)
        -> JSONValue?
    {
        var bindings = visibleVariables(frame: frame)
        bindings.append((key: "states", value: .value(statesObject(query, scope: scope, frame: frame))))
        var environment = Self.jsonataLimits
        environment.now = Double(now.epochMilliseconds)
        if query.callsAWSFunctions {
            for (name, function) in Self.awsFunctions { bindings.append((key: name, value: function)) }
        }
        if query.drawsRandom {
            let random = JSONataRandom(rngCopy)
            environment.randomSource = { random.nextDouble() }
            for (name, function) in Self.randomFunctions(random) { bindings.append((key: name, value: function)) }
        }
        do {
            return try query.expression.evaluate(input: scope.input, boundInOrder: bindings, environment: environment)
        } catch {
            throw queryError(query, field: field, "threw an error during evaluation. \(error.code): \(error.message)")
        }
    }

    /// Limits fitting an execution whose payloads are at most 256 KiB (AWS's quota): an intermediate value may be
    /// bigger, but a runaway expression ends in a States.QueryEvaluationError within about a second, having built
    /// no more than a bounded amount of memory.
    static var jsonataLimits: JSONataEnvironment {
        var environment = JSONataEnvironment()
        environment.maxStringLength = 16 << 20
        environment.maxArrayLength = 1 << 20
        environment.maxAllocation = 256 << 20
        // Steps, not time: a replay must end as the first run did. Ten million steps take about a second.
        environment.maxSteps = 10_000_000
        return environment
    }

    /// A value of the wrong type for its field: "Expected 'array', but was 'object' for value: {...}".
    func unexpectedType(_ query: JSONataQuery, field: String, expected: String, value: JSONValue) -> StatesError {
        queryError(
            query,
            field: field,
            "returned an unexpected result type. Expected '\(expected)', but was '\(value.typeName)' for value: \(value.serialized())"
        )
    }

    func queryError(_ query: JSONataQuery, field: String, _ what: String) -> StatesError {
        StatesError(
            StatesError.Name.queryEvaluationError,
            cause: "The JSONata expression '\(query.text)' specified for the field '\(field)' \(what)"
        )
    }

    /// `$states`: input, context, and result / errorOutput where the field has them. The context object is built
    /// only when the expression can read it.
    private func statesObject(_ query: JSONataQuery, scope: JSONataScope, frame: Int) -> JSONValue {
        var states = JSONObject()
        states["input"] = scope.input
        if let result = scope.result { states["result"] = result }
        if let errorOutput = scope.errorOutput { states["errorOutput"] = errorOutput }
        if query.readsContext {
            states["context"] = contextObject(frame: frame, mapItem: scope.mapItem)
        }
        return .object(states)
    }

    /// The variables a frame sees, the nearest definition of each name winning: an array, as the bindings of an
    /// evaluation are few and a dictionary's hashing cost more than their linear search.
    private func visibleVariables(frame: Int) -> [(key: String, value: JSONataBinding)] {
        var bindings: [(key: String, value: JSONataBinding)] = []
        guard anyVariables else { return bindings }
        var id: Int? = frame
        while let current = id, let f = frames[current] {
            for (name, value) in f.variables where !bindings.contains(where: { $0.key == name }) {
                bindings.append((key: name, value: .value(value)))
            }
            id = f.isolated ? nil : f.parent?.frame
        }
        return bindings
    }
}
