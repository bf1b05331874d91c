import SluiceAWS
import SluiceTopics

/// SNS (awsQuery: a form naming the `Action`, XML answers): topics (folders under var/lib/sluice/topics),
/// publishing as `sluice publish` and the sns:publish task do, and `exec` subscriptions (files in the format of
/// etc/sluice/subscriptions, written to var/lib/sluice/config/subscriptions).
struct SNSAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        // boto3 posts the form; a GET carries it as the query instead.
        let bytes = call.body.bytes
        let text = bytes.isEmpty ? call.request.rawQuery : String(decoding: bytes, as: UTF8.self)
        guard bytes.isEmpty || String(validating: bytes, as: UTF8.self) != nil, FormBody.isWellFormed(text) else {
            return AWSProtocol.awsQuery.response(
                for: AWSError("MalformedQueryString", "The query string contains a syntax error.", status: 404),
                requestId: call.requestId
            )
        }
        let form = QueryForm(FormBody.pairs(text))
        let action = form["Action"] ?? ""
        do throws(AWSError) {
            let result = try await answer(action, form)
            return QueryResponse.xml(
                action: action,
                result: result,
                requestId: call.requestId,
                namespace: QueryResponse.snsNamespace
            )
        } catch {
            return AWSProtocol.awsQuery.response(for: error, requestId: call.requestId)
        }
    }

    /// The result's XML (nil for an action that answers none).
    private func answer(_ action: String, _ form: QueryForm) async throws(AWSError) -> String? {
        switch action {
        case "CreateTopic": return try createTopic(form)
        case "ListTopics": return try listTopics(form)
        case "DeleteTopic": return try await deleteTopic(form)
        case "GetTopicAttributes": return try topicAttributes(form)
        case "Publish": return try publish(form)
        case "PublishBatch": return try publishBatch(form)
        case "Subscribe": return try await subscribe(form)
        case "Unsubscribe": return try await unsubscribe(form)
        case "ListSubscriptions": return try listSubscriptions(form, topic: nil)
        case "ListSubscriptionsByTopic": return try listSubscriptionsByTopic(form)
        case "": throw AWSError("MissingAction", "The request must contain the parameter Action.")
        default: throw AWSError("InvalidAction", "sluiced does not implement SNS's \(action)")
        }
    }

    /// SNS's error for a refused parameter.
    static func invalid(_ detail: String) -> AWSError {
        AWSError("InvalidParameter", "Invalid parameter: " + detail)
    }

    static func error(_ error: TopicError) -> AWSError {
        AWSError(error.errorCode, error.message, status: error.statusCode, isSender: error.statusCode < 500)
    }

    static let notFound = AWSError("NotFound", "Topic does not exist", status: 404)

    /// A form parameter that must be given.
    static func required(_ form: QueryForm, _ name: String) throws(AWSError) -> String {
        guard let value = form[name], !value.isEmpty else {
            throw invalid("\(name) Reason: no value for required parameter")
        }
        return value
    }
}
