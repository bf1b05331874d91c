/// A target's RetryPolicy: how long and how often EventBridge keeps trying to deliver an event.
public struct RetryPolicy: Sendable, Hashable {
    /// AWS's defaults: 185 attempts over 24 hours.
    public var maximumRetryAttempts = 185
    public var maximumEventAgeInSeconds = 86_400

    public init() {}
}
