import SluiceJSON
import SluicePatterns

/// One target of a rule: a state machine to start or a topic to publish to, with the input it receives.
package struct RuleTarget: Sendable {
    package enum Destination: Sendable, Hashable {
        case stateMachine(String)
        case topic(String)
    }

    package var id: String
    package var arn: String
    package var destination: Destination
    package var input: TargetInput
    package var retryPolicy: RetryPolicy
}
