import Foundation
import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceLinux
import SluiceTopics

/// Topics: a topic is its folder under var/lib/sluice/topics (or a subscription naming it, as `sluice topics list`
/// counts them), so CreateTopic makes the folder and DeleteTopic removes it.
extension SNSAPI {
    func createTopic(_ form: QueryForm) throws(AWSError) -> String {
        let name = try Self.required(form, "Name")
        guard TopicName.isValid(name) else {
            throw Self.invalid("Topic Name")
        }
        // Idempotent, as on SNS: an existing topic answers its ARN.
        if case .failure(let errno) = Posix.makeDirectories(runtime.topics.folder(of: name)) {
            throw AWSError.internalFailure("cannot create the folder of topic \(name): \(errno)")
        }
        return XMLText.element("TopicArn", runtime.topics.topicArn(name))
    }

    func listTopics(_ form: QueryForm) throws(AWSError) -> String {
        let page = try Page.of(topicNames(), token: form["NextToken"], size: nil)
        let members = page.items.map { XMLText.element("TopicArn", runtime.topics.topicArn($0)) }
        return QueryResponse.members("Topics", members)
            + (page.nextToken.map { XMLText.element("NextToken", $0) } ?? "")
    }

    /// Removes the topic's folder (its stored messages and dead letters) and the subscriptions the API made to it;
    /// those /etc/sluice defines stay. Deleting a topic that does not exist succeeds, as on SNS.
    func deleteTopic(_ form: QueryForm) async throws(AWSError) -> String? {
        let topic = try topic(form, mustExist: false)
        let definitions = APIDefinitions(runtime: runtime)
        for subscription in runtime.config.current.subscriptions where subscription.topic == topic {
            let file = subscription.name + ".json"
            guard definitions.isCreated(.subscriptions, file: file) else { continue }
            try await definitions.remove(.subscriptions, file: file, shipped: Self.shippedSubscription)
        }
        let folder = runtime.topics.folder(of: topic)
        if FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.removeItem(atPath: folder)
            } catch {
                throw AWSError.internalFailure("cannot remove \(folder): \(error)")
            }
        }
        return nil
    }

    func topicAttributes(_ form: QueryForm) throws(AWSError) -> String {
        let topic = try topic(form, mustExist: true)
        let subscriptions = runtime.config.current.subscriptions.filter { $0.topic == topic }
        let attributes: [(key: String, value: String)] = [
            ("TopicArn", runtime.topics.topicArn(topic)), ("Owner", runtime.settings.account), ("DisplayName", ""),
            ("SubscriptionsConfirmed", String(subscriptions.count)), ("SubscriptionsPending", "0"),
            ("SubscriptionsDeleted", "0"),
        ]
        return QueryResponse.entries("Attributes", attributes)
    }

    /// The topics there are: folders, and topics only a subscription names.
    func topicNames() -> [String] {
        let named = runtime.config.current.subscriptions.map(\.topic)
        return Set(runtime.topics.topics() + named).sorted()
    }

    /// The topic `TopicArn` (or `name`) names; NotFound when it must exist and does not.
    func topic(_ form: QueryForm, _ name: String = "TopicArn", mustExist: Bool) throws(AWSError) -> String {
        let arn = try Self.required(form, name)
        guard let topic = TopicName.fromArn(arn) else { throw Self.invalid(name) }
        if mustExist, !exists(topic) { throw Self.notFound }
        return topic
    }

    func exists(_ topic: String) -> Bool {
        Posix.status(runtime.topics.folder(of: topic)) != nil
            || runtime.config.current.subscriptions.contains { $0.topic == topic }
    }
}
