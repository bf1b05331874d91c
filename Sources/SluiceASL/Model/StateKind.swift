import SluiceJSON

/// The type-specific part of a state.
package enum StateKind: Sendable, Hashable {
    case pass(PassState)
    case task(TaskState)
    case choice(ChoiceState)
    case wait(WaitState)
    case succeed
    case fail(FailState)
    case parallel(ParallelState)
    case map(MapState)

    package var typeName: String {
        switch self {
        case .pass: "Pass"
        case .task: "Task"
        case .choice: "Choice"
        case .wait: "Wait"
        case .succeed: "Succeed"
        case .fail: "Fail"
        case .parallel: "Parallel"
        case .map: "Map"
        }
    }
}
