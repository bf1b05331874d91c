import SluiceJSON
import SluicePatterns

/// One target of a rule: a state machine to start or a topic to publish to, with the input it receives.
public struct RuleTarget: Sendable {
    public enum Destination: Sendable, Hashable {
        case stateMachine(String)
        case topic(String)
    }

    public var id: String
    public var arn: String
    public var destination: Destination
    public var input: TargetInput
    public var retryPolicy: RetryPolicy
}
