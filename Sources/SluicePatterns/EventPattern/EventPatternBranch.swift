/// One way for a pattern to match: a set of fields that must all match together (a pattern with `$or` has one
/// branch per combination of its alternatives).
struct EventPatternBranch: Hashable, Sendable {
    /// Fields in Java string order, the order event-ruler's state machine visits them. The order matters for
    /// `exists: false` inside arrays: a field's absence is judged against the array elements chosen by the fields
    /// before it, not after.
    let steps: [EventPatternField]

    func matches(_ event: FlattenedEvent) -> Bool {
        guard event.hasArrayMembership else { return matchesIndependently(event) }
        return match(from: 0, membership: ArrayMembership(), in: event)
    }

    /// Without array elements to keep together, each field either has an accepted value or is allowed to be absent.
    private func matchesIndependently(_ event: FlattenedEvent) -> Bool {
        steps.withUnsafeBufferPointer { steps in
            event.values.withUnsafeBufferPointer { values in
                for step in steps {
                    guard let range = event.range(of: step.path) else {
                        if step.allowsAbsence { continue }
                        return false
                    }
                    var accepted = false
                    for position in range where step.accepts(values[position]) {
                        accepted = true
                        break
                    }
                    if !accepted { return false }
                }
                return true
            }
        }
    }

    private func match(from index: Int, membership: ArrayMembership, in event: FlattenedEvent) -> Bool {
        guard index < steps.count else { return true }
        var sawConsistentValue = false
        // Values that add no array constraint all lead to the same rest of the match: try it once.
        var triedUnconstrained = false
        for position in event.range(of: steps[index].path) ?? 0..<0 {
            let merged: ArrayMembership
            let unconstrained: Bool
            if event.values[position].membership.isEmpty {
                merged = membership
                unconstrained = true
            } else {
                guard let joined = membership.merging(event.values[position].membership) else { continue }
                merged = joined
                unconstrained = joined == membership
            }
            sawConsistentValue = true
            if unconstrained, triedUnconstrained { continue }
            guard steps[index].accepts(event.values[position]) else { continue }
            if match(from: index + 1, membership: merged, in: event) { return true }
            if unconstrained { triedUnconstrained = true }
        }
        if steps[index].allowsAbsence, !sawConsistentValue {
            return match(from: index + 1, membership: membership, in: event)
        }
        return false
    }
}
