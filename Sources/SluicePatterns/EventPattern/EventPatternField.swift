/// One field of a compiled branch: its dotted path and the alternatives any one of its values must satisfy.
struct EventPatternField: Hashable, Sendable {
    /// The field's keys joined with dots, as in the flattened event.
    let path: String
    /// The value alternatives (`exists: false` is kept apart, in `allowsAbsence`).
    let matchers: [EventValueMatcher]
    /// Whether `exists: false` is among the alternatives.
    let allowsAbsence: Bool
    /// Whether numbers in this field are read as comparable numbers (see `EventLeafView`).
    let convertsNumbers: Bool
    /// Whether IP address strings in this field are read as addresses (see `EventLeafView`).
    let convertsAddresses: Bool

    func accepts(_ value: FlattenedEvent.Value) -> Bool {
        let view = self.view(of: value)
        for matcher in matchers where matcher.matches(view) { return true }
        return false
    }

    private func view(of value: FlattenedEvent.Value) -> EventLeafView {
        if convertsNumbers {
            if case .number(_, let comparable?) = value.leaf { return .comparable(comparable) }
        } else if convertsAddresses, let address = value.address {
            return .address(address)
        }
        return .leaf(value.leaf)
    }
}
