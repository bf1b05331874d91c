/// A target's RetryPolicy: how long and how often EventBridge keeps trying to deliver an event.
package struct RetryPolicy: Sendable, Hashable {
    /// AWS's defaults: 185 attempts over 24 hours.
    package var maximumRetryAttempts = 185
    package var maximumEventAgeInSeconds = 86_400

    package init() {}
}
