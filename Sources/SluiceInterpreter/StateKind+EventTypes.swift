import SluiceASL

extension StateKind {
    /// The history event types a state records on entering and exiting, as literals: built with string
    /// interpolation, each entered event would allocate its type ("PassStateEntered" is past the 15 bytes a
    /// string holds inline).
    struct EventTypes {
        let entered: String
        let exited: String
    }

    var eventTypes: EventTypes {
        switch self {
        case .pass: EventTypes(entered: "PassStateEntered", exited: "PassStateExited")
        case .task: EventTypes(entered: "TaskStateEntered", exited: "TaskStateExited")
        case .choice: EventTypes(entered: "ChoiceStateEntered", exited: "ChoiceStateExited")
        case .wait: EventTypes(entered: "WaitStateEntered", exited: "WaitStateExited")
        case .succeed: EventTypes(entered: "SucceedStateEntered", exited: "SucceedStateExited")
        case .fail: EventTypes(entered: "FailStateEntered", exited: "FailStateExited")
        case .parallel: EventTypes(entered: "ParallelStateEntered", exited: "ParallelStateExited")
        case .map: EventTypes(entered: "MapStateEntered", exited: "MapStateExited")
        }
    }
}
