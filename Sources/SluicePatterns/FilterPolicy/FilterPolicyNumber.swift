import SluiceJSON

/// A number from a policy or a message, with the fixed-point form AWS compares numbers in.
///
/// SNS compares numbers from -1e9 to 1e9 with five digits after the decimal point ("Filter policy constraints");
/// numbers outside that range are never compared by value, only by their spelling.
struct FilterPolicyNumber: Sendable, Equatable {
    /// The largest magnitude SNS compares by value.
    static let limit = 1e9
    /// Five decimal digits of accuracy.
    static let scale = 100_000.0

    /// The number as written (an `.int` or a `.double`).
    let value: JSONValue
    /// The value in units of 1e-5, or nil when it is outside ±1e9.
    let comparable: Int64?

    init?(_ value: JSONValue) {
        guard let double = value.doubleValue else { return nil }
        self.value = value
        self.comparable = Self.comparable(double)
    }

    /// The fixed-point form of `double`, or nil when SNS cannot compare it by value.
    static func comparable(_ double: Double) -> Int64? {
        guard double.isFinite, abs(double) <= limit else { return nil }
        // Rounded rather than truncated so that 0.3 and 3e-1 (and their binary approximations) agree.
        return Int64((double * scale).rounded())
    }

    /// Equality as AWS decides it for an exact number in a policy: by value inside the comparable range, otherwise
    /// by the literal (approximated here by the same kind and value, so 1e10 and 10000000000 differ as on AWS).
    func matches(_ other: FilterPolicyNumber) -> Bool {
        if let a = comparable, let b = other.comparable { return a == b }
        switch (value, other.value) {
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        default: return false
        }
    }
}
