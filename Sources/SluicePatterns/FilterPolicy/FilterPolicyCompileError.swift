/// Why a filter policy document was refused, before SNS wraps the reason into its `InvalidParameter` message.
struct FilterPolicyCompileError: Error, Sendable {
    enum Kind: Sendable {
        /// A problem AWS's rule compiler reports as a JSON parse error. When the policy uses `$or`, AWS then
        /// compiles it once more with `$or` read as a plain field name, and only that second verdict counts.
        case syntax
        /// A bad IP address or CIDR: AWS reports it straight away, without the second attempt.
        case invalidArgument
    }

    var kind: Kind
    /// The text AWS puts after `FilterPolicy: `.
    var reason: String

    static func syntax(_ reason: String) -> FilterPolicyCompileError {
        FilterPolicyCompileError(kind: .syntax, reason: reason)
    }

    static func invalidArgument(_ reason: String) -> FilterPolicyCompileError {
        FilterPolicyCompileError(kind: .invalidArgument, reason: reason)
    }
}
