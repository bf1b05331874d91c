extension FilterPolicyBranch {
    /// Whether every field of the branch matches, with all values chosen from consistent array elements.
    func matches(_ message: FilterPolicyMessageFields) -> Bool {
        var constrained: [[FilterPolicyMessageFields.Leaf]] = []
        for field in fields {
            let present = message.isPresent(field.path)
            let leaves = message.leaves(at: field.path)
            let satisfiedByPresence = field.patterns.contains { pattern in
                guard case .exists(let mustExist) = pattern else { return false }
                // exists:true with values is decided value by value below, to keep arrays consistent.
                return mustExist ? present && leaves.isEmpty : !present
            }
            if satisfiedByPresence { continue }
            let candidates = leaves.filter { leaf in field.patterns.contains { $0.matches(leaf.value) } }
            if candidates.isEmpty { return false }
            constrained.append(candidates)
        }
        if constrained.allSatisfy({ $0.contains { $0.positions.isEmpty } }) { return true }
        var chosen: [Int: Int] = [:]
        return Self.consistent(constrained.sorted { $0.count < $1.count }, from: 0, chosen: &chosen)
    }

    /// Depth-first search for one value per field such that no array is entered at two different elements.
    private static func consistent(
        _ candidates: [[FilterPolicyMessageFields.Leaf]],
        from field: Int,
        chosen: inout [Int: Int]
    ) -> Bool {
        guard field < candidates.count else { return true }
        for leaf in candidates[field] {
            let fits = leaf.positions.allSatisfy { position in
                chosen[position.array].map { $0 == position.index } ?? true
            }
            guard fits else { continue }
            let added = leaf.positions.filter { chosen[$0.array] == nil }
            for position in added { chosen[position.array] = position.index }
            if consistent(candidates, from: field + 1, chosen: &chosen) { return true }
            for position in added { chosen[position.array] = nil }
        }
        return false
    }
}
