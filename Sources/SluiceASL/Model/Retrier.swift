/// One element of a state's `Retry` array.
public struct Retrier: Sendable, Hashable {
    public enum JitterStrategy: String, Sendable, Hashable {
        case full = "FULL"
        case none = "NONE"
    }

    public var errorEquals: [String]
    public var intervalSeconds: Int = 1
    public var maxAttempts: Int = 3
    public var backoffRate: Double = 2.0
    public var maxDelaySeconds: Int?
    public var jitterStrategy: JitterStrategy = .none

    public init(errorEquals: [String]) { self.errorEquals = errorEquals }
}
