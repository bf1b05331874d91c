import SluiceJSON
import SluicePatterns

extension FuzzTarget {
    /// An event pattern (before the NUL) matched against an event (after it), as the router and TestEventPattern
    /// do.
    static func eventPattern(_ input: [UInt8]) {
        let parts = FuzzInput.parts(input, 2)
        _ = EventPattern.check(text: parts[0])
        guard let pattern = try? EventPattern(text: parts[0]) else { return }
        guard let event = try? JSONParser.parse(parts[1]) else { return }
        _ = pattern.matches(event)
        _ = pattern.matches(FlattenedEvent(event))
    }

    /// A target's input (`InputPath` or `InputTransformer`, before the NUL) rendered for an event (after it).
    static func inputTransformer(_ input: [UInt8]) {
        let parts = FuzzInput.parts(input, 2)
        guard case .object(let target)? = try? JSONParser.parse(parts[0]) else { return }
        guard let input = try? TargetInput(target: target, targetId: "fuzz") else { return }
        let event = (try? JSONParser.parse(parts[1])) ?? .object(JSONObject())
        let context = TargetContext(
            ruleArn: "arn:aws:events:us-east-1:123456789012:rule/r",
            ruleName: "r",
            ingestionTime: "2026-01-01T00:00:00Z"
        )
        _ = input.render(event: event, context: context)
    }

    /// A filter policy (first part) matched in both scopes against a message (second) and its attributes (third,
    /// Publish's MessageAttributes shape).
    static func filterPolicy(_ input: [UInt8]) {
        let parts = FuzzInput.parts(input, 3)
        let attributes: JSONObject
        if case .object(let o)? = try? JSONParser.parse(parts[2]) { attributes = o } else { attributes = JSONObject() }
        for scope in [FilterPolicyScope.messageAttributes, .messageBody] {
            guard let policy = try? FilterPolicy(text: parts[0], scope: scope) else { continue }
            _ = policy.matches(message: parts[1], attributes: attributes)
        }
    }
}
