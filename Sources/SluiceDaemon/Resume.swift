import SluiceASL
import SluiceEngine
import SluiceStore

/// What a resumed execution starts from: its stored record, definition and journal.
struct Resume: Sendable {
    var stored: ResumableExecution
    var definition: StateMachineDefinition
    var journal: [ReplayedEvent]
    /// RedriveExecution: after the replay the ended execution carries on from the state that failed.
    var redrive = false
}
