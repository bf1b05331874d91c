import SluiceASL
import SluiceJSON

/// How JSONata states end: `Output` (the state's result, or its input where there is none, by default) and
/// `Assign`, both evaluated with the variables as they were when the state started.
extension Execution {
    /// The output and the assignments of a JSONata state, from its own Output and Assign.
    func jsonataOutcome(_ state: State, scope: JSONataScope, default fallback: JSONValue? = nil, frame: Int)
        throws(StatesError) -> (JSONValue, [(String, JSONValue)])
    {
        try jsonataOutcome(output: state.output, assign: state.assign, scope: scope, default: fallback, frame: frame)
    }

    /// The output and assignments from the given templates (a Choice rule's or a catcher's own).
    func jsonataOutcome(
        output: PayloadTemplate?,
        assign: PayloadTemplate?,
        scope: JSONataScope,
        default fallback: JSONValue? = nil,
        frame: Int
    ) throws(StatesError) -> (JSONValue, [(String, JSONValue)]) {
        let value = try output.map { (t: PayloadTemplate) throws(StatesError) -> JSONValue in
            try evaluate(t, field: "Output", scope: scope, frame: frame)
        }
        var assigned: [(String, JSONValue)] = []
        if let assign, case .object(let object) = try evaluate(assign, field: "Assign", scope: scope, frame: frame) {
            assigned = object.entries.map { ($0.key, $0.value) }
        }
        return (value ?? fallback ?? scope.input, assigned)
    }

    /// A JSONata Choice: the first rule whose Condition is true, its Output and Assign (else the state's).
    mutating func runJSONataChoice(_ id: Int, _ choice: ChoiceState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let scope = JSONataScope(input: frame.input)
        for candidate in choice.choices {
            guard case .condition(let condition) = candidate.rule else { continue }
            guard try holds(condition, scope: scope, frame: id) else { continue }
            let (output, assigned) = try jsonataOutcome(
                output: candidate.output ?? state.output,
                assign: candidate.jsonataAssign ?? state.assign,
                scope: scope,
                frame: id
            )
            commit(assigned, frame: id)
            exit(id, output: output, next: candidate.next)
            return
        }
        guard let defaultNext = choice.defaultNext else {
            throw StatesError(StatesError.Name.noChoiceMatched, cause: "No Matches!")
        }
        let (output, assigned) = try jsonataOutcome(state, scope: scope, frame: id)
        commit(assigned, frame: id)
        exit(id, output: output, next: defaultNext)
    }

    /// A Condition's value, which must be a boolean.
    private func holds(_ condition: PayloadTemplate, scope: JSONataScope, frame: Int) throws(StatesError) -> Bool {
        if case .constant(.bool(let b)) = condition { return b }
        guard case .jsonata(let t) = condition, let query = t.query else { return false }
        let value = try evaluate(query, field: "Condition", scope: scope, frame: frame)
        guard case .bool(let b) = value else {
            throw unexpectedType(query, field: "Condition", expected: "boolean", value: value)
        }
        return b
    }
}
