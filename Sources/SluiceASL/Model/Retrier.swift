/// One element of a state's `Retry` array.
package struct Retrier: Sendable, Hashable {
    package enum JitterStrategy: String, Sendable, Hashable {
        case full = "FULL"
        case none = "NONE"
    }

    package var errorEquals: [String]
    package var intervalSeconds: Int = 1
    package var maxAttempts: Int = 3
    package var backoffRate: Double = 2.0
    package var maxDelaySeconds: Int?
    package var jitterStrategy: JitterStrategy = .none

    package init(errorEquals: [String]) { self.errorEquals = errorEquals }
}
