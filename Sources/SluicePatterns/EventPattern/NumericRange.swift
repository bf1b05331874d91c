/// A `numeric` operand: one bound or two, each open or closed, over comparable numbers.
package struct NumericRange: Hashable, Sendable {
    /// The bottom of the range.
    package let lower: ComparableNumber
    /// Whether the bottom is excluded (`>` rather than `>=`).
    package let lowerIsOpen: Bool
    /// The top of the range.
    package let upper: ComparableNumber
    /// Whether the top is excluded (`<` rather than `<=`).
    package let upperIsOpen: Bool

    /// The implied bottom of a range with only an upper bound: event-ruler fills the missing side with the end
    /// of the comparable range, closed.
    package static let minimum = ComparableNumber(micros: -ComparableNumber.limit)
    /// The implied top of a range with only a lower bound.
    package static let maximum = ComparableNumber(micros: ComparableNumber.limit)

    /// A range from its bounds (the caller has checked that `lower` is below `upper`).
    package init(lower: ComparableNumber, lowerIsOpen: Bool, upper: ComparableNumber, upperIsOpen: Bool) {
        self.lower = lower
        self.lowerIsOpen = lowerIsOpen
        self.upper = upper
        self.upperIsOpen = upperIsOpen
    }

    /// Whether the number lies within the bounds.
    package func contains(_ value: ComparableNumber) -> Bool {
        (lowerIsOpen ? value > lower : value >= lower) && (upperIsOpen ? value < upper : value <= upper)
    }
}
