import SluiceCore
import SluiceJSON
import SluiceVocabulary
import SluiceWorkers

/// Why a delivery ran out of retries, as kept in `topics/TOPIC/dead-letter/<MessageId>-<subscription>.json`.
///
/// The file holds the reason first (what someone opening it wants to know) and then the notification document as
/// SNS would have delivered it, so the message can be published again or fed to the script by hand.
struct DeadLetter {
    var subscription: Subscription
    var attempts: Int
    var lastFailure: String
    /// The last run, when this process made it (after a restart only its summary is known).
    var last: ScriptResult?
    var at: Timestamp

    func document(_ message: TopicMessage) -> JSONValue {
        var o = JSONObject()
        o["Subscription"] = .string(subscription.name)
        o["Endpoint"] = .string(subscription.endpoint)
        o["RawMessageDelivery"] = .bool(subscription.rawMessageDelivery)
        o["Attempts"] = .int(attempts)
        o["ErrorMessage"] = .string(lastFailure)
        switch last?.ending {
        case .finished(.exited(let code))?: o["ExitStatus"] = .int(Int(code))
        case .finished(.signaled(let signal))?: o["Signal"] = .int(Int(signal))
        case .timedOut?: o["TimedOut"] = true
        default: break
        }
        if let tail = last?.stderrTail, !tail.isEmpty { o["StderrTail"] = .string(tail) }
        o["DeadLetteredAt"] = .string(at.iso8601())
        o["Envelope"] = message.envelope
        return .object(o)
    }
}
