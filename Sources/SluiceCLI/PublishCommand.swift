import ArgumentParser
import SluiceASL
import SluiceConfig
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceTopics
import SluiceVocabulary

/// `sluice publish`: SNS Publish from the shell (`aws sns publish`): stores the message in the topic's folder.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a message to a topic, as aws sns publish does.",
        discussion: """
            Stores the message under ROOT/var/lib/sluice/topics/TOPIC/ and prints {"MessageId": ...}; sluiced \
            delivers it to the topic's subscriptions. With --deliver the subscriptions are run here and now \
            instead (no daemon needed), their output goes to stderr, and the result lists each delivery (exit 1 \
            when one was dead-lettered).
            """
    )

    @Argument(help: "The topic: a name or an SNS topic ARN.")
    var topic: String

    @Option(help: "The message text.")
    var message: String?

    @Option(name: .customLong("message-file"), help: "A file holding the message text.")
    var messageFile: String?

    @Option(help: "The subject (1 to 100 characters, no line breaks).")
    var subject: String?

    @Option(
        help: """
            The MessageAttributes: {"name": {"DataType": "String", "StringValue": "..."}} as JSON text, \
            or file://PATH.
            """
    )
    var attributes: String?

    @Flag(help: "Deliver to the topic's subscriptions in this process right away.")
    var deliver = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() async throws {
        let settings = try SluiceSettings.load(root: root)
        let store = TopicStore(
            directory: SluicePaths(root: root).topics,
            region: settings.region,
            account: settings.account
        )
        let topicName: String
        let text: String
        let attributeObject: JSONObject
        do {
            guard let name = TopicName.resolve(topic) else {
                throw CLIError(
                    "'\(topic)' is not a topic name (1 to 256 letters, digits, '-' and '_') or an SNS topic ARN"
                )
            }
            topicName = name
            text = try readMessage()
            attributeObject = try readAttributes()
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        }
        // Without --deliver, sluiced delivers it: the delivery is recorded in its store, which must exist.
        let database = deliver ? nil : try MapRunDocument.openStore(root: root, writing: true)
        let published: TopicMessage
        do {
            published = try store.publish(
                topic: topicName,
                message: text,
                subject: subject,
                attributes: attributeObject
            )
        } catch {
            StandardError.write("sluice: publish: \(error.errorCode): \(error.message)\n")
            throw ExitCode(error.statusCode >= 500 ? 1 : 2)
        }
        var result = JSONObject()
        result["MessageId"] = .string(published.messageId)
        if let database {
            let handoff = HandoffBody.deliver(
                topic: published.topic,
                messageId: published.messageId,
                file: published.fileName
            ).handoff(
                region: settings.region,
                account: settings.account,
                createdMillis: TopicStore.systemTime().epochMilliseconds
            )
            do {
                _ = try database.handOff([handoff])
                RequestDoorbell.ring(SluicePaths(root: root))
            } catch {
                throw CLIError.exit(
                    "the message \(published.messageId) is stored, but its delivery could not be recorded for sluiced: \(error)"
                )
            }
        }
        guard deliver else {
            print(JSONValue.object(result).serialized())
            return
        }
        let outcomes = await deliverNow(published, store: store)
        result["Deliveries"] = .array(outcomes.map(Self.describe))
        print(JSONValue.object(result).serialized())
        if outcomes.contains(where: { $0.status == .deadLettered || $0.status == .interrupted }) { throw ExitCode(1) }
    }

    private func readMessage() throws -> String {
        switch (message, messageFile) {
        case (let text?, nil): return text
        case (nil, let path?): return try InputFiles.text(path)
        case (.some, .some): throw CLIError("give --message or --message-file, not both")
        case (nil, nil): throw CLIError("give the message with --message TEXT or --message-file FILE")
        }
    }

    private func readAttributes() throws -> JSONObject {
        guard let attributes else { return JSONObject() }
        guard case .object(let object) = try JSONArgument.parse(attributes, option: "--attributes") else {
            throw CLIError("--attributes: must be a JSON object of name to {DataType, StringValue}")
        }
        return object
    }

    /// Runs the topic's subscriptions in this process (what sluiced would do), streaming their output to stderr.
    private func deliverNow(_ message: TopicMessage, store: TopicStore) async -> [DeliveryOutcome] {
        let directory = SluicePaths(root: root).subscriptions
        let (subscriptions, problems) = ConfigLoader.loadSubscriptions(directory: directory)
        for problem in problems { StandardError.write("sluice: subscription skipped: \(problem)\n") }
        let service = DeliveryService(
            subscriptions: subscriptions,
            store: store,
            output: { line in StandardError.write("[\(line.subscription)] \(line.text)\n") }
        )
        return await service.deliver(message)
    }

    private static func describe(_ outcome: DeliveryOutcome) -> JSONValue {
        var o = JSONObject()
        o["Subscription"] = .string(outcome.subscription)
        o["Status"] = .string(outcome.status.rawValue)
        o["Attempts"] = .int(outcome.attempts)
        if let failure = outcome.lastFailure { o["LastFailure"] = .string(failure) }
        if let file = outcome.deadLetterFile { o["DeadLetterFile"] = .string(file) }
        return .object(o)
    }
}
