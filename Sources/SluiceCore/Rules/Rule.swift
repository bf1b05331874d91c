import SluiceJSON
import SluicePatterns

/// An EventBridge rule with its targets (PutRule + PutTargets in one file, DESIGN.md "Rule").
package struct Rule: Sendable {
    package enum State: String, Sendable, Hashable {
        case enabled = "ENABLED"
        case disabled = "DISABLED"
    }

    package var name: String
    package var description: String?
    package var state: State
    package var eventPattern: EventPattern
    package var targets: [RuleTarget]
    /// The file it was loaded from.
    package var file: String

    package var isEnabled: Bool { state == .enabled }

    /// The rule's ARN in AWS's shape.
    package func arn(region: String, account: String) -> String {
        "arn:aws:events:\(region):\(account):rule/\(name)"
    }
}
