/// Percentiles of durations, nearest-rank (CloudWatch's pNN statistics are of that kind).
package enum Percentiles {
    /// The `fraction` (0...1) percentile of `sorted` (ascending); nil when it is empty.
    package static func of(sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        // Nearest rank: the smallest value with at least `fraction` of the values at or below it.
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
