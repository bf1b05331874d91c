/// The interval a `numeric` condition accepts, in `FilterPolicyNumber` fixed-point units.
struct FilterPolicyNumericRange: Sendable, Equatable {
    /// One end of the interval: its value and whether the value itself is excluded.
    struct Bound: Sendable, Equatable {
        var value: Int64
        var isOpen: Bool
    }

    /// nil means unbounded below.
    var lower: Bound?
    /// nil means unbounded above.
    var upper: Bound?

    /// `["=", n]`.
    static func equal(to value: Int64) -> FilterPolicyNumericRange {
        FilterPolicyNumericRange(
            lower: Bound(value: value, isOpen: false),
            upper: Bound(value: value, isOpen: false)
        )
    }

    func contains(_ value: Int64) -> Bool {
        if let lower {
            if lower.isOpen ? value <= lower.value : value < lower.value { return false }
        }
        if let upper {
            if upper.isOpen ? value >= upper.value : value > upper.value { return false }
        }
        return true
    }
}
