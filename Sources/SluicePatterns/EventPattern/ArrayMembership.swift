/// Which element of which array a value sits in: event-ruler's array consistency.
///
/// Every array of the event gets a number; a value inside an object (or array) that is an element of an array
/// records that array's number and the element's index. A match may not take two values from different elements
/// of the same array. Scalars directly in an array record nothing for that array, so `"resources": ["a", "b"]`
/// behaves as a set of values.
struct ArrayMembership: Hashable, Sendable {
    /// `(array << 32) | index` for each enclosing array element, outermost first.
    private var entries: [UInt64] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func enter(array: Int, index: Int) {
        entries.append(UInt64(array) << 32 | UInt64(index))
    }

    mutating func leave() {
        entries.removeLast()
    }

    /// The memberships of both, or nil when they place some array at two different elements.
    func merging(_ other: ArrayMembership) -> ArrayMembership? {
        if other.entries.isEmpty { return self }
        if entries.isEmpty { return other }
        var merged = self
        for entry in other.entries {
            if let mine = entries.first(where: { $0 >> 32 == entry >> 32 }) {
                if mine != entry { return nil }
            } else {
                merged.entries.append(entry)
            }
        }
        return merged
    }
}
