import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceTopics
import SluiceVocabulary

/// Task states that publish to topics: `arn:aws:states:::sns:publish`, answered as Step Functions answers it.
///
/// Parameters are Publish's: `TopicArn` (or `TargetArn`), `Message`, `Subject`, `MessageAttributes`
/// (`{"name": {"DataType", "StringValue" | "BinaryValue"}}`) and `MessageStructure`. A `Message` that is not a
/// string is published as its JSON text, as Step Functions does. `MessageGroupId` and `MessageDeduplicationId` are
/// accepted and ignored (sluice topics keep publishing order anyway).
///
/// The output is the SDK's Publish result: `{"MessageId", "SdkHttpMetadata": {"AllHttpHeaders", "HttpHeaders",
/// "HttpStatusCode"}, "SdkResponseMetadata": {"RequestId"}}`. A refused Publish fails the task with
/// `SNS.<exception>` (`SNS.InvalidParameterException`) and the SDK's message line as the cause.
package struct TopicTasks: Sendable {
    /// The Step Functions resource this handles.
    package static let resource = "arn:aws:states:::sns:publish"

    package let store: TopicStore
    /// Called with every stored message (the daemon hands it to its DeliveryService here).
    package var onPublish: @Sendable (TopicMessage) async -> Void
    /// The execution publishing (its ARN): each publishing step then gets a MessageId of its own that stays the
    /// same if the step runs again after a restart, so the message is stored and delivered once.
    package var executionArn: String?

    package init(
        store: TopicStore,
        executionArn: String? = nil,
        onPublish: @escaping @Sendable (TopicMessage) async -> Void = { _ in }
    ) {
        self.store = store
        self.executionArn = executionArn
        self.onPublish = onPublish
    }

    /// Publishes if the invocation is an sns:publish task; nil when the resource is not an SNS one.
    package func handle(_ invocation: TaskInvocation) async -> Result<JSONValue, StatesError>? {
        let resource = invocation.resource
        guard resource.hasPrefix(Self.resource) else { return nil }
        // The callback pattern publishes the same way; the runner waits for the token instead.
        guard resource == Self.resource || resource == Self.resource + ".waitForTaskToken" else {
            return .failure(.runtime("The resource '\(resource)' is not supported by sluice yet"))
        }
        let requestId = UUID().uuidString.lowercased()
        do {
            let message = try publish(
                invocation.input,
                messageId: executionArn.map { StableMessageId.make($0 + "#" + String(invocation.token)) }
            )
            await onPublish(message)
            return .success(Self.output(messageId: message.messageId, requestId: requestId, date: store.now()))
        } catch {
            return .failure(Self.statesError(error, requestId: requestId))
        }
    }

    /// Reads Publish's parameters and stores the message.
    package func publish(_ parameters: JSONValue, messageId: String? = nil) throws(TopicError) -> TopicMessage {
        guard case .object(let p) = parameters else { throw .invalidParameter("TopicArn") }
        if p["PhoneNumber"] != nil { throw .invalidParameter("PhoneNumber Reason: sluice does not send SMS") }
        let target: String
        switch (p["TopicArn"], p["TargetArn"]) {
        case (.string(let arn)?, _), (nil, .string(let arn)?): target = arn
        case (nil, nil): throw .invalidParameter("TopicArn or TargetArn Reason: no value for required parameter")
        default: throw .invalidParameter("TopicArn")
        }
        guard let topic = TopicName.fromArn(target) else { throw .invalidParameter("TopicArn") }
        var text: String
        switch p["Message"] {
        case nil: throw .invalidParameter("Empty message")
        case .string(let s)?: text = s
        case let value?: text = value.serialized()
        }
        switch p["MessageStructure"] {
        case nil: break
        case .string("json")?: text = try Self.defaultEntry(text)
        default: throw .invalidParameter("MessageStructure")
        }
        var subject: String?
        switch p["Subject"] {
        case nil: subject = nil
        case .string(let s)?: subject = s
        default: throw .invalidParameter("Subject")
        }
        var attributes = JSONObject()
        switch p["MessageAttributes"] {
        case nil: break
        case .object(let o)?: attributes = o
        default: throw .invalidParameterValue("MessageAttributes must be an object of name to {DataType, StringValue}.")
        }
        return try store.publish(
            topic: topic,
            message: text,
            subject: subject,
            attributes: attributes,
            messageId: messageId
        )
    }

    /// MessageStructure "json": the message is an object of per-protocol messages; `exec` subscribers, which SNS
    /// has no key for, get the `default` one.
    private static func defaultEntry(_ text: String) throws(TopicError) -> String {
        guard case .object(let entries)? = try? JSONParser.parse(text) else {
            throw .invalidParameter("Message Structure - JSON message body failed to parse")
        }
        guard case .string(let message)? = entries["default"] else {
            throw .invalidParameter("Message Structure - No default entry in JSON message body")
        }
        return message
    }

    /// The error Step Functions records for a refused Publish.
    static func statesError(_ error: TopicError, requestId: String) -> StatesError {
        StatesError(
            "SNS." + error.exceptionName,
            cause:
                "\(error.message) (Service: AmazonSNS; Status Code: \(error.statusCode); Error Code: \(error.errorCode); Request ID: \(requestId); Proxy: null)"
        )
    }

    /// The SDK's Publish result as the sns:publish integration returns it (headers as SNS's Query API sends them).
    static func output(messageId: String, requestId: String, date: Timestamp) -> JSONValue {
        let httpDate = HTTPDate.format(date)
        // The XML PublishResponse SNS answers has the same length for every standard topic.
        let length = "294"
        var all = JSONObject()
        all["x-amzn-RequestId"] = [.string(requestId)]
        all["connection"] = ["keep-alive"]
        all["Content-Length"] = [.string(length)]
        all["Date"] = [.string(httpDate)]
        all["Content-Type"] = ["text/xml"]
        var headers = JSONObject()
        headers["connection"] = "keep-alive"
        headers["Content-Length"] = .string(length)
        headers["Content-Type"] = "text/xml"
        headers["Date"] = .string(httpDate)
        headers["x-amzn-RequestId"] = .string(requestId)
        var http = JSONObject()
        http["AllHttpHeaders"] = .object(all)
        http["HttpHeaders"] = .object(headers)
        http["HttpStatusCode"] = 200
        var o = JSONObject()
        o["MessageId"] = .string(messageId)
        o["SdkHttpMetadata"] = .object(http)
        o["SdkResponseMetadata"] = ["RequestId": .string(requestId)]
        return .object(o)
    }
}
