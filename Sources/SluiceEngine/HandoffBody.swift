import SluiceCore
import SluiceJSON
import SluiceStore

/// What a hand-off asks for, as sluiced and `sluice` read and write its JSON body (Handoff).
package enum HandoffBody: Sendable, Hashable {
    case startExecution(StartExecutionHandoff)
    /// Publish `message` to `topic` with MessageId `messageId`, for `rule`'s target.
    case publish(topic: String, message: String, messageId: String, rule: String)
    /// Deliver the stored message `file` of `topic` to its subscriptions.
    case deliver(topic: String, messageId: String, file: String)

    package init?(_ handoff: Handoff) {
        guard case .object(let o)? = try? JSONParser.parse(handoff.body) else { return nil }
        switch handoff.kind {
        case .startExecution:
            guard let machine = o["Machine"]?.stringValue, let name = o["Name"]?.stringValue, let input = o["Input"],
                let rule = o["Rule"]?.stringValue
            else { return nil }
            var start = StartExecutionHandoff(machine: machine, name: name, input: input, rule: rule)
            start.retry.maximumRetryAttempts = o["MaximumRetryAttempts"]?.intValue ?? start.retry.maximumRetryAttempts
            start.retry.maximumEventAgeInSeconds =
                o["MaximumEventAgeInSeconds"]?.intValue ?? start.retry.maximumEventAgeInSeconds
            start.startMillis = o["StartMillis"]?.intValue.map(Int64.init)
            start.about = o["About"]?.stringValue
            self = .startExecution(start)
        case .publish:
            guard let topic = o["Topic"]?.stringValue, let message = o["Message"]?.stringValue,
                let rule = o["Rule"]?.stringValue
            else { return nil }
            self = .publish(topic: topic, message: message, messageId: handoff.subject, rule: rule)
        case .deliver:
            guard let topic = o["Topic"]?.stringValue, let file = o["File"]?.stringValue else { return nil }
            self = .deliver(topic: topic, messageId: handoff.subject, file: file)
        }
    }

    /// The hand-off to record. Its subject is what it makes: the execution's ARN (in `region` and `account`), the
    /// MessageId.
    package func handoff(region: String, account: String, createdMillis: Int64) -> Handoff {
        let kind: Handoff.Kind
        let subject: String
        var o = JSONObject()
        switch self {
        case .startExecution(let start):
            kind = .startExecution
            subject = "arn:aws:states:\(region):\(account):execution:\(start.machine):\(start.name)"
            o["Machine"] = .string(start.machine)
            o["Name"] = .string(start.name)
            o["Input"] = start.input
            o["Rule"] = .string(start.rule)
            o["MaximumRetryAttempts"] = .int(start.retry.maximumRetryAttempts)
            o["MaximumEventAgeInSeconds"] = .int(start.retry.maximumEventAgeInSeconds)
            if let startMillis = start.startMillis { o["StartMillis"] = .int(Int(startMillis)) }
            if let about = start.about { o["About"] = .string(about) }
        case .publish(let topic, let message, let messageId, let rule):
            kind = .publish
            subject = messageId
            o["Topic"] = .string(topic)
            o["Message"] = .string(message)
            o["Rule"] = .string(rule)
        case .deliver(let topic, let messageId, let file):
            kind = .deliver
            subject = messageId
            o["Topic"] = .string(topic)
            o["File"] = .string(file)
        }
        return Handoff(
            kind: kind,
            subject: subject,
            body: JSONValue.object(o).serialized(),
            createdMillis: createdMillis
        )
    }
}
