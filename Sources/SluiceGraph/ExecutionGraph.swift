import SluiceASL
import SluiceJSON

/// An execution's state machine drawn as the console's graph view draws it: states and transitions laid out top
/// to bottom, each state coloured by what happened to it in the execution's history.
///
/// For `/_sluice/api/execution`: decode the execution's definition (`DefinitionDecoder.decode(text:)`), parse its
/// stored events (`JSONParser.parse` of each `StoredHistoryEvent.document`), all of them, not only the page's
/// first thousand, and `draw` gives the "graph" and the "states" (`StateRunStatus.rawValue`).
package enum ExecutionGraph {
    /// The machine laid out: boxes and edges in absolute coordinates.
    package static func layout(_ machine: StateMachineDefinition) -> GraphLayout {
        MachineLayout.layout(machine)
    }

    /// Every state's status (nested states included) after `history`: GetExecutionHistory's events in AWS's JSON,
    /// oldest first, and the whole history (a state's status can depend on its last events).
    package static func statuses(_ machine: StateMachineDefinition, history: [JSONValue]) -> [String: StateRunStatus] {
        StatusReader.statuses(machine, history: history)
    }

    /// The SVG of `layout` with each state coloured by `statuses` (a state missing from it is drawn not run).
    package static func svg(_ layout: GraphLayout, statuses: [String: StateRunStatus]) -> String {
        SVGWriter.svg(layout, statuses: statuses)
    }

    /// Both at once: the SVG for `/_sluice/api/execution`'s "graph" and the statuses for its "states".
    package static func draw(
        _ machine: StateMachineDefinition,
        history: [JSONValue]
    ) -> (svg: String, statuses: [String: StateRunStatus]) {
        let statuses = statuses(machine, history: history)
        return (svg(layout(machine), statuses: statuses), statuses)
    }
}
