import SluiceASL

/// What the graph needs of one state, with where it sits: the container (Parallel or Map) whose branch or item
/// processor holds it, if any.
struct StateShape: Sendable {
    var name: String
    var kind: Kind
    /// The Parallel or Map state directly around this one; nil at the top level.
    var container: String?
    /// The Task's Resource, to tell which Task a task event belongs to.
    var resource: String?

    enum Kind: Sendable, Hashable {
        case task, pass, choice, wait, succeed, fail, parallel, inlineMap, distributedMap

        var isContainer: Bool { self == .parallel || self == .inlineMap || self == .distributedMap }
    }

    /// Every state of `machine`, nested ones included, in the order written (depth first).
    static func all(in machine: StateMachineDefinition, container: String? = nil) -> [StateShape] {
        var shapes: [StateShape] = []
        for name in machine.stateNames {
            guard let state = machine.states[name] else { continue }
            var shape = StateShape(name: name, kind: Kind(state.kind), container: container)
            switch state.kind {
            case .task(let task):
                shape.resource = task.resource
                shapes.append(shape)
            case .parallel(let parallel):
                shapes.append(shape)
                for branch in parallel.branches { shapes += all(in: branch, container: name) }
            case .map(let map):
                shapes.append(shape)
                shapes += all(in: map.processor, container: name)
            default:
                shapes.append(shape)
            }
        }
        return shapes
    }
}

extension StateShape.Kind {
    init(_ kind: StateKind) {
        switch kind {
        case .pass: self = .pass
        case .task: self = .task
        case .choice: self = .choice
        case .wait: self = .wait
        case .succeed: self = .succeed
        case .fail: self = .fail
        case .parallel: self = .parallel
        case .map(let map): self = map.mode == .distributed ? .distributedMap : .inlineMap
        }
    }
}
