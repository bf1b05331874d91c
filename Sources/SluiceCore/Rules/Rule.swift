import SluiceJSON
import SluicePatterns

/// An EventBridge rule with its targets (PutRule + PutTargets in one file, DESIGN.md "Rule").
public struct Rule: Sendable {
    public enum State: String, Sendable, Hashable {
        case enabled = "ENABLED"
        case disabled = "DISABLED"
    }

    public var name: String
    public var description: String?
    public var state: State
    public var eventPattern: EventPattern
    public var targets: [RuleTarget]
    /// The file it was loaded from.
    public var file: String

    public var isEnabled: Bool { state == .enabled }

    /// The rule's ARN in AWS's shape.
    public func arn(region: String, account: String) -> String {
        "arn:aws:events:\(region):\(account):rule/\(name)"
    }
}
