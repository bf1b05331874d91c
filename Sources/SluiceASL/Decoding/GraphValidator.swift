/// The checks over a whole (sub-)machine: every transition target exists, StartAt exists, every state is reachable,
/// and a terminal state exists.
enum GraphValidator {
    static func validate(_ machine: StateMachineDefinition, location: String) -> [DefinitionProblem] {
        var problems: [DefinitionProblem] = []
        let names = Set(machine.states.keys)
        if !machine.startAt.isEmpty, !names.contains(machine.startAt) {
            problems.append(
                DefinitionProblem(
                    code: "MISSING_TRANSITION_TARGET",
                    location: location + "/StartAt",
                    message: "Missing 'Next' target: \(machine.startAt)"
                )
            )
        }
        var edges: [String: [String]] = [:]
        for name in machine.stateNames {
            guard let state = machine.states[name] else { continue }
            let here = location + "/States/" + name
            var targets: [(String, String)] = []
            if case .next(let n)? = state.transition { targets.append((n, here + "/Next")) }
            for (i, c) in state.catch.enumerated() { targets.append((c.next, here + "/Catch[\(i)]/Next")) }
            if case .choice(let choice) = state.kind {
                for (i, c) in choice.choices.enumerated() { targets.append((c.next, here + "/Choices[\(i)]/Next")) }
                if let d = choice.defaultNext { targets.append((d, here + "/Default")) }
            }
            for (target, at) in targets where !names.contains(target) {
                problems.append(
                    DefinitionProblem(
                        code: "MISSING_TRANSITION_TARGET",
                        location: at,
                        message: "Missing 'Next' target: \(target)"
                    )
                )
            }
            edges[name] = targets.map(\.0)
        }
        // Reachability from StartAt.
        var reached: Set<String> = []
        var stack = names.contains(machine.startAt) ? [machine.startAt] : []
        while let n = stack.popLast() {
            guard reached.insert(n).inserted else { continue }
            stack += (edges[n] ?? []).filter { names.contains($0) }
        }
        if !reached.isEmpty {
            for name in machine.stateNames where !reached.contains(name) {
                problems.append(
                    DefinitionProblem(
                        code: "UNREACHABLE_STATE",
                        location: location + "/States/" + name,
                        message: "State '\(name)' is not reachable"
                    )
                )
            }
        }
        // A machine with no way to end would run forever.
        let terminal = machine.states.values.contains { state in
            switch state.kind {
            case .succeed, .fail: return true
            default: return state.transition == .end
            }
        }
        if !terminal, !machine.states.isEmpty {
            problems.append(
                DefinitionProblem(
                    code: "NO_TERMINAL_STATE",
                    location: location.isEmpty ? "/States" : location + "/States",
                    message:
                        "No terminal state: every path loops forever (add a state with \"End\": true, Succeed or Fail)"
                )
            )
        }
        return problems
    }
}
