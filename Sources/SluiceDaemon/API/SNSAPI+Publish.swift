import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceJSON
import SluiceTopics

/// Publish and PublishBatch: the form read into the parameters the sns:publish task takes and published by the
/// same code (`TopicTasks`), then the delivery recorded as an execution's publish is, so subscriber scripts run
/// with their filter policies.
extension SNSAPI {
    func publish(_ form: QueryForm) throws(AWSError) -> String {
        if form["PhoneNumber"] != nil { throw Self.invalid("PhoneNumber Reason: sluice does not send SMS") }
        let target = form["TopicArn"] ?? form["TargetArn"]
        guard let target, !target.isEmpty else {
            throw Self.invalid("TopicArn or TargetArn Reason: no value for required parameter")
        }
        guard let topic = TopicName.fromArn(target) else { throw Self.invalid("TopicArn") }
        guard exists(topic) else { throw Self.notFound }
        do throws(TopicError) {
            let message = try publish(Self.parameters(form, topicArn: target))
            return XMLText.element("MessageId", message.messageId)
        } catch {
            throw Self.error(error)
        }
    }

    func publishBatch(_ form: QueryForm) throws(AWSError) -> String {
        let topicArn = try Self.required(form, "TopicArn")
        guard let topic = TopicName.fromArn(topicArn) else { throw Self.invalid("TopicArn") }
        guard exists(topic) else { throw Self.notFound }
        let entries = form.members("PublishBatchRequestEntries.member")
        guard !entries.isEmpty else {
            throw AWSError("EmptyBatchRequest", "The batch request doesn't contain any entries")
        }
        guard entries.count <= 10 else {
            throw AWSError("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible")
        }
        let ids = entries.map { $0["Id"] ?? "" }
        guard Set(ids).count == ids.count else {
            throw AWSError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id")
        }
        var successful: [String] = []
        var failed: [String] = []
        for (id, entry) in zip(ids, entries) {
            do throws(TopicError) {
                let message = try publish(Self.parameters(entry, topicArn: topicArn))
                successful.append(XMLText.element("Id", id) + XMLText.element("MessageId", message.messageId))
            } catch {
                failed.append(
                    XMLText.element("Id", id) + XMLText.element("Code", error.errorCode)
                        + XMLText.element("Message", error.message)
                        + XMLText.element("SenderFault", error.statusCode < 500 ? "true" : "false")
                )
            }
        }
        return QueryResponse.members("Successful", successful) + QueryResponse.members("Failed", failed)
    }

    /// Stores the message and records its delivery.
    private func publish(_ parameters: JSONValue) throws(TopicError) -> TopicMessage {
        let message = try TopicTasks(store: runtime.topics).publish(parameters)
        runtime.recordDelivery(of: message)
        return message
    }

    /// Publish's form as the sns:publish task's parameters: `MessageAttributes.entry.N.Name` with
    /// `.Value.DataType` and `.Value.StringValue` (or `BinaryValue`, base64 on the wire) become
    /// `{"name": {"DataType", "StringValue" | "BinaryValue"}}`.
    static func parameters(_ form: QueryForm, topicArn: String) -> JSONValue {
        var p = JSONObject()
        p["TopicArn"] = .string(topicArn)
        for field in ["Message", "Subject", "MessageStructure", "MessageGroupId", "MessageDeduplicationId"] {
            if let value = form[field] { p[field] = .string(value) }
        }
        var attributes = JSONObject()
        for entry in form.members("MessageAttributes.entry") {
            let value = entry.scoped("Value")
            var attribute = JSONObject()
            for field in ["DataType", "StringValue", "BinaryValue"] {
                if let v = value[field] { attribute[field] = .string(v) }
            }
            attributes[entry["Name"] ?? ""] = .object(attribute)
        }
        if !attributes.isEmpty { p["MessageAttributes"] = .object(attributes) }
        return .object(p)
    }
}
