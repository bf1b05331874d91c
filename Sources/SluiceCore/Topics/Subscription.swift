import SluiceJSON
import SluicePatterns

/// A topic subscription (SNS Subscribe + its attributes in one file): a script run for every matching message.
public struct Subscription: Sendable {
    /// The subscription's name: its file stem.
    public var name: String
    public var topic: String
    /// Only `exec` (run a local program) exists in sluice.
    public var endpoint: String
    public var filterPolicy: FilterPolicy?
    public var filterPolicyScope: FilterPolicyScope
    public var rawMessageDelivery: Bool
    public var deliveryPolicy: DeliveryPolicy
    public var file: String
}
