import SluiceCore
import SluiceJSON
import SluicePatterns

/// EventBridge's routing: every enabled rule whose pattern matches the event sends it to each of its targets,
/// shaped by the target's Input / InputPath / InputTransformer.
package struct Router: Sendable {
    package var rules: RuleSet
    package var region: String
    package var account: String

    package init(rules: RuleSet, region: String, account: String) {
        self.rules = rules
        self.region = region
        self.account = account
    }

    /// The actions for one event; `ingestionTime` is when the event was received (ISO-8601).
    package func route(_ event: JSONValue, ingestionTime: String) -> [RouteAction] {
        var actions: [RouteAction] = []
        for rule in rules.matching(event) {
            let context = TargetContext(
                ruleArn: rule.arn(region: region, account: account),
                ruleName: rule.name,
                ingestionTime: ingestionTime
            )
            for target in rule.targets {
                guard let text = target.input.render(event: event, context: context) else {
                    actions.append(
                        .dropped(rule: rule.name, target: target.id, reason: "the target's input is not valid JSON")
                    )
                    continue
                }
                switch target.destination {
                case .stateMachine(let name):
                    // A state machine's input must be JSON; plain-text templates can only go to topics.
                    guard let input = try? JSONParser.parse(text) else {
                        actions.append(
                            .dropped(rule: rule.name, target: target.id, reason: "the execution input is not JSON")
                        )
                        continue
                    }
                    actions.append(
                        .startExecution(
                            stateMachine: name,
                            input: input,
                            rule: rule.name,
                            target: target.id,
                            retry: target.retryPolicy
                        )
                    )
                case .topic(let topic):
                    actions.append(.publish(topic: topic, message: text, rule: rule.name, target: target.id))
                }
            }
        }
        return actions
    }
}
