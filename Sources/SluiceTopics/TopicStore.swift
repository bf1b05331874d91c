import Foundation
import SluiceJSON
import SluiceLinux
import SluiceVocabulary

/// The topics folder (ROOT/var/lib/sluice/topics): one folder per topic, one file per published message
/// (`TOPIC/<timestamp>-<MessageId>.json`, the notification document), and `TOPIC/dead-letter/` for deliveries that
/// ran out of retries.
///
/// A topic exists once it has a folder or a subscription. Publishing creates the folder: sluice has no CreateTopic,
/// and a state machine written for AWS should publish unchanged. The cost, a mistyped topic collecting messages
/// nobody receives, is visible in `sluice topics list`, which shows topics without subscriptions.
package struct TopicStore: Sendable {
    /// The topics folder.
    package let directory: String
    /// Region and account for topic ARNs (sluiced.json; defaults `local`, `000000000000`).
    package let region: String
    package let account: String
    /// Stamps published messages.
    package let now: @Sendable () -> Timestamp

    /// SNS's limit on a message with its attributes (256 KiB).
    package static let messageSizeLimit = 262_144
    /// SNS's limit on a subject, in characters.
    package static let subjectLimit = 100
    /// The folder inside a topic's folder that keeps deliveries that ran out of retries.
    package static let deadLetterFolder = "dead-letter"

    /// A store over `directory`; `now` stamps published messages (tests pass a fixed clock).
    package init(
        directory: String,
        region: String = "local",
        account: String = "000000000000",
        now: @escaping @Sendable () -> Timestamp = TopicStore.systemTime
    ) {
        self.directory = directory
        self.region = region
        self.account = account
        self.now = now
    }

    /// The wall clock, to the millisecond (SNS timestamps have milliseconds).
    @Sendable package static func systemTime() -> Timestamp {
        Timestamp(epochMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// `arn:aws:sns:REGION:ACCOUNT:TOPIC`.
    package func topicArn(_ topic: String) -> String {
        TopicName.arn(topic, region: region, account: account)
    }

    // MARK: - Publishing

    /// Checks the message as SNS Publish does, then stores it atomically and returns it.
    ///
    /// - Parameters:
    ///   - topic: the topic's name.
    ///   - attributes: Publish's MessageAttributes, `{"name": {"DataType", "StringValue" | "BinaryValue"}}`.
    package func publish(
        topic: String,
        message: String,
        subject: String? = nil,
        attributes: JSONObject = JSONObject(),
        messageId: String? = nil
    ) throws(TopicError) -> TopicMessage {
        var published = try validate(topic: topic, message: message, subject: subject, attributes: attributes)
        if let messageId {
            // Published before (the same step run again): the stored message stands.
            if let stored = storedMessage(topic: topic, messageId: messageId) { return stored }
            published.messageId = messageId
        }
        do {
            try AtomicFile.write(published.envelope.serializedBytes() + [0x0A], to: path(of: published))
        } catch {
            throw .internalError("The message could not be stored: \(error)")
        }
        PublishedIndex.shared.add(published.messageId, in: folder(of: topic))
        return published
    }

    /// The message Publish would store, or SNS's error; nothing is written.
    package func validate(
        topic: String,
        message: String,
        subject: String?,
        attributes: JSONObject
    ) throws(TopicError) -> TopicMessage {
        guard TopicName.isValid(topic) else { throw .invalidParameter("TopicArn") }
        guard !message.isEmpty else { throw .invalidParameter("Empty message") }
        if let subject, !Self.isValidSubject(subject) { throw .invalidParameter("Subject") }
        let parsed = try MessageAttribute.parse(publish: attributes)
        let size = message.utf8.count + parsed.reduce(0) { $0 + $1.size }
        guard size <= Self.messageSizeLimit else { throw .invalidParameter("Message too long") }
        return TopicMessage(
            topic: topic,
            topicArn: topicArn(topic),
            messageId: UUID().uuidString.lowercased(),
            subject: subject,
            message: message,
            timestamp: now(),
            attributes: parsed
        )
    }

    /// SNS's subject rule: 1 to 100 characters, no line breaks or other control characters.
    static func isValidSubject(_ subject: String) -> Bool {
        !subject.isEmpty && subject.count <= subjectLimit
            && !subject.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    // MARK: - Reading

    /// A topic's folder.
    package func folder(of topic: String) -> String { directory + "/" + topic }

    /// Where a message is stored.
    package func path(of message: TopicMessage) -> String { folder(of: message.topic) + "/" + message.fileName }

    /// The topics that have a folder, sorted by name.
    package func topics() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return TopicName.isValid(name)
                && FileManager.default.fileExists(atPath: folder(of: name), isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// A topic's message files in publishing order (hidden and temporary files skipped).
    package func messageFiles(topic: String) -> [String] {
        Self.jsonFiles(in: folder(of: topic))
    }

    /// The stored message with this MessageId, if there is one.
    package func storedMessage(topic: String, messageId: String) -> TopicMessage? {
        guard PublishedIndex.shared.mayHold(messageId, in: folder(of: topic), list: { messageFiles(topic: topic) })
        else { return nil }
        let suffix = "-" + messageId + ".json"
        guard let file = messageFiles(topic: topic).first(where: { $0.hasSuffix(suffix) }) else { return nil }
        return message(topic: topic, file: file)
    }

    /// A stored message; nil when the file is missing or is not a notification document.
    package func message(topic: String, file: String) -> TopicMessage? {
        guard let data = FileManager.default.contents(atPath: folder(of: topic) + "/" + file),
            let json = try? JSONParser.parse(bytes: Array(data))
        else { return nil }
        return TopicMessage(envelope: json)
    }

    /// A topic's dead-letter files, sorted by name.
    package func deadLetterFiles(topic: String) -> [String] {
        Self.jsonFiles(in: deadLetterFolder(of: topic))
    }

    /// Where a topic's dead letters are kept.
    package func deadLetterFolder(of topic: String) -> String {
        folder(of: topic) + "/" + Self.deadLetterFolder
    }

    /// Stores a dead letter as `dead-letter/<MessageId>-<subscription>.json`; returns its path.
    func writeDeadLetter(_ document: JSONValue, message: TopicMessage, subscription: String) throws(TopicError)
        -> String
    {
        let path = deadLetterFolder(of: message.topic) + "/" + message.messageId + "-" + subscription + ".json"
        do {
            try AtomicFile.write(Array(document.prettyPrinted().utf8) + [0x0A], to: path)
        } catch {
            throw .internalError("The dead letter could not be stored: \(error)")
        }
        return path
    }

    private static func jsonFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }
}
