import SluiceEngine
import SluiceStore
import SluiceTopics

/// An event's rule targets as hand-offs, named after the event so that handing the same event on again (after a
/// crash) names the same execution and the same message: StartExecution by name and Publish by MessageId are then
/// idempotent, and a replayed hand-off makes nothing twice.
struct RoutedHandoffs {
    var handoffs: [Handoff] = []
    /// Targets whose input was dropped, with why (for the log).
    var dropped: [String] = []

    /// - Parameters:
    ///   - actions: what the rules do with the event (Router).
    ///   - eventId: the event's `id`, unique per event.
    ///   - key: the object key the event is about, if any (executions are named after it, as AWS users name them).
    ///   - about: what the event is about, for the log (`s3://inbox/companies/t.csv`).
    init(
        _ actions: [RouteAction],
        eventId: String,
        key: String?,
        about: String?,
        region: String,
        account: String,
        now: Int64
    ) {
        for action in actions {
            switch action {
            case .startExecution(let machine, let input, let rule, let target, let retry):
                let name = ExecutionNames.make(
                    from: key,
                    unique: StableMessageId.make("execution#\(eventId)#\(rule)#\(target)")
                )
                let body = HandoffBody.startExecution(
                    StartExecutionHandoff(
                        machine: machine,
                        name: name,
                        input: input,
                        rule: rule,
                        retry: retry,
                        about: about
                    )
                )
                handoffs.append(body.handoff(region: region, account: account, createdMillis: now))
            case .publish(let topic, let message, let rule, let target):
                let messageId = StableMessageId.make("publish#\(eventId)#\(rule)#\(target)")
                let body = HandoffBody.publish(topic: topic, message: message, messageId: messageId, rule: rule)
                handoffs.append(body.handoff(region: region, account: account, createdMillis: now))
            case .dropped(let rule, let target, let reason):
                dropped.append("rule \(rule) target \(target): event dropped: \(reason)")
            }
        }
    }
}
