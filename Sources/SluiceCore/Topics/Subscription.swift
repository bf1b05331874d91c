import SluiceJSON
import SluicePatterns

/// A topic subscription (SNS Subscribe + its attributes in one file): a script run for every matching message.
package struct Subscription: Sendable {
    /// The subscription's name: its file stem.
    package var name: String
    package var topic: String
    /// Only `exec` (run a local program) exists in sluice.
    package var endpoint: String
    package var filterPolicy: FilterPolicy?
    package var filterPolicyScope: FilterPolicyScope
    package var rawMessageDelivery: Bool
    package var deliveryPolicy: DeliveryPolicy
    package var file: String
}
