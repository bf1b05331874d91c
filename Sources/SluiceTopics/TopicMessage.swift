import SluiceJSON
import SluiceVocabulary

/// A message published to a topic, as SNS hands it to subscribers: the HTTP/S notification document
/// `{"Type": "Notification", "MessageId", "TopicArn", "Subject"?, "Message", "Timestamp", "MessageAttributes"?}`.
///
/// Like SNS, the document has no `Subject` when none was published and no `MessageAttributes` when there are none.
/// It has no `SignatureVersion`, `Signature`, `SigningCertURL` or `UnsubscribeURL`: sluice does not sign messages,
/// and a signature version without a signature would only make verifying subscribers fail later and more obscurely.
package struct TopicMessage: Sendable, Hashable {
    /// The topic's name (the last component of its ARN).
    package var topic: String
    package var topicArn: String
    /// A UUID, stable across redeliveries.
    package var messageId: String
    package var subject: String?
    package var message: String
    /// When it was published (printed with milliseconds and a `Z`, as SNS prints it).
    package var timestamp: Timestamp
    /// In the order they were published.
    package var attributes: [MessageAttribute]

    package init(
        topic: String,
        topicArn: String,
        messageId: String,
        subject: String?,
        message: String,
        timestamp: Timestamp,
        attributes: [MessageAttribute]
    ) {
        self.topic = topic
        self.topicArn = topicArn
        self.messageId = messageId
        self.subject = subject
        self.message = message
        self.timestamp = timestamp
        self.attributes = attributes
    }

    /// The notification document subscribers receive.
    package var envelope: JSONValue {
        var o = JSONObject()
        o["Type"] = "Notification"
        o["MessageId"] = .string(messageId)
        o["TopicArn"] = .string(topicArn)
        if let subject { o["Subject"] = .string(subject) }
        o["Message"] = .string(message)
        o["Timestamp"] = .string(timestamp.iso8601())
        if !attributes.isEmpty {
            o["MessageAttributes"] = .object(JSONObject(attributes.map { ($0.name, $0.notificationValue) }))
        }
        return .object(o)
    }

    /// Reads a stored notification document; nil when it is not one.
    package init?(envelope: JSONValue) {
        guard case .object(let o) = envelope, o["Type"] == "Notification",
            case .string(let messageId)? = o["MessageId"],
            case .string(let topicArn)? = o["TopicArn"],
            let topic = TopicName.fromArn(topicArn),
            case .string(let message)? = o["Message"],
            case .string(let time)? = o["Timestamp"], let timestamp = Timestamp.parse(time)
        else { return nil }
        var subject: String?
        switch o["Subject"] {
        case nil, .null?: subject = nil
        case .string(let s)?: subject = s
        default: return nil
        }
        var attributes: [MessageAttribute] = []
        if let value = o["MessageAttributes"] {
            guard case .object(let fields) = value, let parsed = MessageAttribute.parse(notification: fields) else {
                return nil
            }
            attributes = parsed
        }
        self.init(
            topic: topic,
            topicArn: topicArn,
            messageId: messageId,
            subject: subject,
            message: message,
            timestamp: timestamp,
            attributes: attributes
        )
    }

    /// The attributes as Publish takes them, which is what filter policies match against.
    package var publishAttributes: JSONObject {
        JSONObject(attributes.map { ($0.name, $0.publishValue) })
    }

    /// `<timestamp>-<MessageId>.json`, with a timestamp that sorts in publishing order (`20261127T050102.123Z`).
    package var fileName: String {
        let compact = timestamp.iso8601().filter { $0 != "-" && $0 != ":" }
        return compact + "-" + messageId + ".json"
    }
}
