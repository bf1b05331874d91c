import Foundation
import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceJSON
import SluiceTopics

/// Subscriptions: sluice delivers with protocol `exec` (a script run for each message). Subscribe writes a file in
/// the format of etc/sluice/subscriptions, named by a UUID, to var/lib/sluice/config/subscriptions; its ARN is the
/// topic's and that name (`arn:aws:sns:R:A:TOPIC:NAME`), so the subscriptions /etc/sluice defines have ARNs too.
extension SNSAPI {
    static let shippedSubscription = AWSError(
        "AuthorizationError",
        "The subscription is defined in /etc/sluice and cannot be changed through the API",
        status: 403
    )

    func subscribe(_ form: QueryForm) async throws(AWSError) -> String {
        let topic = try topic(form, mustExist: true)
        let proto = try Self.required(form, "Protocol")
        guard proto == "exec" else {
            throw Self.invalid("Protocol Reason: sluice delivers with protocol 'exec' only, not '\(proto)'")
        }
        var endpoint = try Self.required(form, "Endpoint")
        // A relative script is found where the administrator's are: beside /etc/sluice/subscriptions.
        if !endpoint.hasPrefix("/") { endpoint = runtime.paths.subscriptions + "/" + endpoint }
        let subscriptions = runtime.config.current.subscriptions
        // Subscribing again with the same endpoint answers the existing subscription, as SNS does.
        if let same = subscriptions.first(where: { $0.topic == topic && $0.endpoint == endpoint }) {
            return XMLText.element("SubscriptionArn", subscriptionArn(same))
        }
        var document = JSONObject()
        document["TopicArn"] = .string(runtime.topics.topicArn(topic))
        document["Protocol"] = "exec"
        document["Endpoint"] = .string(endpoint)
        for (key, value) in form.stringMap("Attributes.entry") {
            document[key] = try Self.attribute(key, value)
        }
        let name = UUID().uuidString.lowercased()
        let definitions = APIDefinitions(runtime: runtime)
        let file = name + ".json"
        let json = JSONValue.object(document)
        if case .failure(let errors) = Subscription.decode(
            json,
            file: definitions.path(.subscriptions, file),
            name: name
        ) {
            throw Self.invalid(errors.problems.map(\.message).joined(separator: "; "))
        }
        try await definitions.save(
            .subscriptions,
            file: file,
            text: json.prettyPrinted() + "\n",
            shipped: Self.shippedSubscription
        )
        return XMLText.element("SubscriptionArn", runtime.topics.topicArn(topic) + ":" + name)
    }

    func unsubscribe(_ form: QueryForm) async throws(AWSError) -> String? {
        let arn = try Self.required(form, "SubscriptionArn")
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "sns", !parts[6].isEmpty else {
            throw Self.invalid("SubscriptionArn")
        }
        let file = String(parts[6]) + ".json"
        let definitions = APIDefinitions(runtime: runtime)
        if definitions.isShipped(.subscriptions, file: file) { throw Self.shippedSubscription }
        // Unsubscribing twice succeeds, as on SNS.
        try await definitions.remove(.subscriptions, file: file, shipped: Self.shippedSubscription)
        return nil
    }

    func listSubscriptionsByTopic(_ form: QueryForm) throws(AWSError) -> String {
        try listSubscriptions(form, topic: try topic(form, mustExist: true))
    }

    func listSubscriptions(_ form: QueryForm, topic: String?) throws(AWSError) -> String {
        let subscriptions = runtime.config.current.subscriptions
            .filter { topic == nil || $0.topic == topic }
            .sorted { ($0.topic, $0.name) < ($1.topic, $1.name) }
        let page = try Page.of(subscriptions, token: form["NextToken"], size: nil)
        let members = page.items.map { s in
            XMLText.element("SubscriptionArn", subscriptionArn(s)) + XMLText.element("Owner", runtime.settings.account)
                + XMLText.element("Protocol", "exec") + XMLText.element("Endpoint", s.endpoint)
                + XMLText.element("TopicArn", runtime.topics.topicArn(s.topic))
        }
        return QueryResponse.members("Subscriptions", members)
            + (page.nextToken.map { XMLText.element("NextToken", $0) } ?? "")
    }

    func subscriptionArn(_ subscription: Subscription) -> String {
        runtime.topics.topicArn(subscription.topic) + ":" + subscription.name
    }

    /// A subscription attribute as the file holds it: policies as JSON, RawMessageDelivery as a boolean.
    private static func attribute(_ key: String, _ value: String) throws(AWSError) -> JSONValue {
        switch key {
        case "RawMessageDelivery":
            guard value == "true" || value == "false" else { throw invalid("Attributes Reason: RawMessageDelivery") }
            return .bool(value == "true")
        case "FilterPolicyScope":
            return .string(value)
        case "FilterPolicy", "DeliveryPolicy":
            guard let json = try? JSONParser.parse(value) else {
                throw invalid("\(key): failed to parse JSON.")
            }
            return json
        default:
            throw invalid("Attributes Reason: sluice does not know the subscription attribute '\(key)'")
        }
    }
}
