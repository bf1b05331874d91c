import SluiceJSON
import SluiceVocabulary

/// Where every delivery of a message to a subscription stands: a plain value, so the daemon can save it (one row per
/// record) and hand it back after a restart, and deliveries resume where they were (at least once, same MessageId).
package struct DeliveryState: Sendable, Hashable {
    /// One delivery: a message to a subscription.
    package struct Key: Sendable, Hashable {
        package var messageId: String
        package var subscription: String

        package init(messageId: String, subscription: String) {
            self.messageId = messageId
            self.subscription = subscription
        }
    }

    /// How far a delivery got.
    package enum Status: String, Sendable, Hashable {
        /// Not delivered yet: waiting for its first attempt or for a retry.
        case pending = "PENDING"
        /// The subscriber exited 0.
        case delivered = "DELIVERED"
        /// The retries ran out; the message is in the topic's dead-letter folder.
        case deadLettered = "DEAD_LETTERED"
    }

    /// What is known about one delivery.
    package struct Record: Sendable, Hashable {
        package var topic: String
        /// The message's file in the topic's folder, to read it again on resumption.
        package var file: String
        package var status: Status
        /// Attempts made so far.
        package var attempts: Int
        /// Why the last attempt failed.
        package var lastFailure: String?
        package var updatedAt: Timestamp

        package init(
            topic: String,
            file: String,
            status: Status,
            attempts: Int,
            lastFailure: String?,
            updatedAt: Timestamp
        ) {
            self.topic = topic
            self.file = file
            self.status = status
            self.attempts = attempts
            self.lastFailure = lastFailure
            self.updatedAt = updatedAt
        }
    }

    /// Every delivery known.
    package private(set) var records: [Key: Record] = [:]

    package init() {}

    /// The record of a delivery, if it was ever started.
    package subscript(key: Key) -> Record? {
        records[key]
    }

    /// Deliveries not finished yet, oldest first.
    package var pending: [(key: Key, record: Record)] {
        records.filter { $0.value.status == .pending }
            .map { (key: $0.key, record: $0.value) }
            .sorted {
                ($0.record.updatedAt, $0.key.messageId, $0.key.subscription) < (
                    $1.record.updatedAt, $1.key.messageId, $1.key.subscription
                )
            }
    }

    /// Sets a delivery's record (what the service does after every attempt).
    mutating func update(_ key: Key, _ record: Record) {
        records[key] = record
    }

    /// Drops a delivery (its subscription is gone).
    mutating func remove(_ key: Key) {
        records[key] = nil
    }

    /// Forgets finished deliveries last touched before `date`, so the state does not grow without end; a message
    /// published again later is a new message with a new MessageId, so nothing is delivered twice because of this.
    package mutating func removeFinished(before date: Timestamp) {
        records = records.filter { $0.value.status == .pending || $0.value.updatedAt >= date }
    }

    // MARK: - Saving

    /// The state as JSON: `{"Deliveries": [{"MessageId", "Subscription", "Topic", "File", "Status", "Attempts",
    /// "LastFailure"?, "UpdatedAt"}]}`.
    package var json: JSONValue {
        let sorted = records.sorted {
            ($0.key.messageId, $0.key.subscription) < ($1.key.messageId, $1.key.subscription)
        }
        let deliveries: [JSONValue] = sorted.map { key, record in
            var o = JSONObject()
            o["MessageId"] = .string(key.messageId)
            o["Subscription"] = .string(key.subscription)
            o["Topic"] = .string(record.topic)
            o["File"] = .string(record.file)
            o["Status"] = .string(record.status.rawValue)
            o["Attempts"] = .int(record.attempts)
            if let failure = record.lastFailure { o["LastFailure"] = .string(failure) }
            o["UpdatedAt"] = .string(record.updatedAt.iso8601())
            return .object(o)
        }
        return ["Deliveries": .array(deliveries)]
    }

    /// Reads what `json` wrote; nil when the document is not such a state.
    package init?(json: JSONValue) {
        guard case .array(let deliveries)? = json["Deliveries"] else { return nil }
        for entry in deliveries {
            guard case .string(let messageId)? = entry["MessageId"],
                case .string(let subscription)? = entry["Subscription"],
                case .string(let topic)? = entry["Topic"],
                case .string(let file)? = entry["File"],
                case .string(let statusText)? = entry["Status"], let status = Status(rawValue: statusText),
                let attempts = entry["Attempts"]?.intValue,
                case .string(let updated)? = entry["UpdatedAt"], let updatedAt = Timestamp.parse(updated)
            else { return nil }
            records[Key(messageId: messageId, subscription: subscription)] = Record(
                topic: topic,
                file: file,
                status: status,
                attempts: attempts,
                lastFailure: entry["LastFailure"]?.stringValue,
                updatedAt: updatedAt
            )
        }
    }
}
