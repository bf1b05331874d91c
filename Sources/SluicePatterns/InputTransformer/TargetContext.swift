/// What an input template can name that the event does not carry: the rule that matched and when EventBridge took
/// the event in (`<aws.events.rule-arn>`, `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>`).
///
/// They come in as values because this module has no clock and no rule store.
package struct TargetContext: Sendable, Hashable {
    /// The matching rule's ARN, e.g. `arn:aws:events:us-east-1:123456789012:rule/example`.
    package var ruleArn: String
    /// The matching rule's name.
    package var ruleName: String
    /// When the event was received, as the ISO 8601 timestamp EventBridge prints (`2015-11-11T21:29:54Z`).
    package var ingestionTime: String

    /// A context from the rule and the time the event was received.
    package init(ruleArn: String, ruleName: String, ingestionTime: String) {
        self.ruleArn = ruleArn
        self.ruleName = ruleName
        self.ingestionTime = ingestionTime
    }
}
