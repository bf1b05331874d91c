/// EventBridge's guard against wildcard patterns that would make matching slow.
///
/// event-ruler measures a field's wildcard patterns by the largest number of their prefixes that one value could
/// match at the same time (its `MachineComplexityEvaluator`): `*:*:*:*:*:event-bus/*` scores 11 on the value
/// `:::::event-bus/:`. EventBridge refuses the rule above a threshold it does not publish; recorded behaviour puts it
/// between 9 (accepted: three `*:stack/NAME/*` values) and 11 (refused), and sluice refuses above 10.
package enum WildcardComplexity {
    /// The highest accepted complexity.
    package static let limit = 10

    /// AWS's message for a refused pattern.
    package static let tooComplex =
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a "
        + "wildcard character"

    /// Exploring more combined states than this stops the search with what has been seen so far.
    private static let stateBudget = 20_000

    /// The complexity of one field's wildcard patterns, capped just above `limit`.
    package static func score(_ patterns: [WildcardPattern]) -> Int {
        var unique: [[UInt8?]] = []
        for pattern in patterns {
            let tokens = pattern.tokens
            if !unique.contains(tokens) { unique.append(tokens) }
        }
        guard !unique.isEmpty else { return 0 }
        // Every byte that appears in a pattern, plus one that appears in none, covers every distinct move.
        var alphabet: [UInt8] = []
        for tokens in unique {
            for case let byte? in tokens where !alphabet.contains(byte) { alphabet.append(byte) }
        }
        if let other = (0...255).lazy.map(UInt8.init).first(where: { !alphabet.contains($0) }) {
            alphabet.append(other)
        }

        let start = unique.map { closure($0, [0]) }
        var seen: Set<[[Int]]> = [start]
        var queue = [start]
        var best = 0
        while let state = queue.popLast() {
            best = max(best, state.reduce(0) { $0 + $1.count { $0 > 0 } })
            if best > limit { return best }
            if seen.count > stateBudget { break }
            for byte in alphabet {
                var next: [[Int]] = []
                var alive = false
                for (tokens, positions) in zip(unique, state) {
                    let moved = step(tokens, positions, byte)
                    alive = alive || !moved.isEmpty
                    next.append(moved)
                }
                if alive, seen.insert(next).inserted { queue.append(next) }
            }
        }
        return best
    }

    /// Positions (prefix lengths) reachable by letting stars match nothing.
    private static func closure(_ tokens: [UInt8?], _ positions: [Int]) -> [Int] {
        var result: [Int] = []
        for var position in positions {
            if !result.contains(position) { result.append(position) }
            while position < tokens.count, tokens[position] == nil {
                position += 1
                if !result.contains(position) { result.append(position) }
            }
        }
        return result.sorted()
    }

    /// Prefix lengths matching the input extended by `byte`: a literal advances, a star just passed stays.
    private static func step(_ tokens: [UInt8?], _ positions: [Int], _ byte: UInt8) -> [Int] {
        var next: [Int] = []
        for position in positions {
            if position < tokens.count, let literal = tokens[position], literal == byte { next.append(position + 1) }
            if position > 0, tokens[position - 1] == nil { next.append(position) }
        }
        return closure(tokens, next)
    }
}
