import Foundation

/// How the benchmarks turn their rounds into the figures they print: one place, so that every median, range and
/// duration in `make bench`'s output is computed the same way.
enum Figures {
    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The median of `values` (the upper one of an even count); NaN for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// "low-high" with `digits` decimals; "-" for no values.
    static func range(_ values: [Double], digits: Int = 2) -> String {
        guard let low = values.min(), let high = values.max() else { return "-" }
        return String(format: "%.\(digits)f-%.\(digits)f", low, high)
    }
}
