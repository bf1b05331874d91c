import SluiceJSON
import SluicePatterns

/// The rules in force: an immutable value, so a reload builds a new set and swaps it whole (no event ever sees
/// half the old rules and half the new).
package struct RuleSet: Sendable {
    package let rules: [Rule]

    package init(_ rules: [Rule]) {
        self.rules = rules.sorted { $0.name < $1.name }
    }

    /// The enabled rules whose pattern matches the event, in name order. The event is flattened once for all.
    package func matching(_ event: JSONValue) -> [Rule] {
        let flattened = FlattenedEvent(event)
        return rules.filter { $0.isEnabled && $0.eventPattern.matches(flattened) }
    }

    package subscript(name: String) -> Rule? { rules.first { $0.name == name } }
}
