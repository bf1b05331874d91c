import SluiceCore
import SluiceJSON

/// What one rule target does with a matching event.
package enum RouteAction: Sendable, Hashable {
    /// StartExecution of state machine `stateMachine` with `input` (the target's rendered input).
    case startExecution(stateMachine: String, input: JSONValue, rule: String, target: String, retry: RetryPolicy)
    /// Publish `message` (the rendered input, as text) to topic `topic`.
    case publish(topic: String, message: String, rule: String, target: String)
    /// The target's input was dropped (an InputTransformer that yields invalid JSON, as AWS drops it).
    case dropped(rule: String, target: String, reason: String)
}
