import Foundation
import SluiceJSON
import SluiceTesting
import SluiceTopics
import Testing

struct TopicStoreTests {
    @Test("A published message is stored as SNS's notification document, keys in SNS's order")
    func envelopeShape() throws {
        let f = try TopicFixture(now: { fixedTime })
        defer { f.remove() }
        let message = try f.store.publish(
            topic: "scores",
            message: "{\"done\":227000}",
            subject: "Scoring finished",
            attributes: [
                "kind": ["DataType": "String", "StringValue": "summary"],
                "count": ["DataType": "Number", "StringValue": "227000"],
                "blob": ["DataType": "Binary", "BinaryValue": "AAEC"],
            ]
        )
        let text = try #require(f.read(f.store.path(of: message)))
        #expect(
            text == """
                {"Type":"Notification","MessageId":"\(message.messageId)",\
                "TopicArn":"arn:aws:sns:local:000000000000:scores","Subject":"Scoring finished",\
                "Message":"{\\"done\\":227000}","Timestamp":"2026-11-27T05:01:02.123Z",\
                "MessageAttributes":{"kind":{"Type":"String","Value":"summary"},\
                "count":{"Type":"Number","Value":"227000"},"blob":{"Type":"Binary","Value":"AAEC"}}}

                """
        )
        #expect(message.fileName == "20261127T050102.123Z-\(message.messageId).json")
        #expect(UUID(uuidString: message.messageId) != nil)
        #expect(message.messageId == message.messageId.lowercased())
    }

    @Test("Without a subject or attributes the document has neither key, as SNS leaves them out")
    func optionalKeys() throws {
        let f = try TopicFixture(now: { fixedTime })
        defer { f.remove() }
        let message = try f.store.publish(topic: "plain", message: "hello")
        let json = try JSONParser.parse(try #require(f.read(f.store.path(of: message))))
        #expect(json.objectValue?.keys == ["Type", "MessageId", "TopicArn", "Message", "Timestamp"])
    }

    @Test("Region and account come from the store, as sluiced.json sets them")
    func arn() throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let store = TopicStore(directory: f.root + "/topics", region: "eu-west-1", account: "123456789012")
        let message = try store.publish(topic: "t", message: "m")
        #expect(message.topicArn == "arn:aws:sns:eu-west-1:123456789012:t")
    }

    @Test("Messages are written atomically: no temporary file stays behind, and listings skip hidden ones")
    func atomicFiles() throws {
        let f = try TopicFixture()
        defer { f.remove() }
        var published: [TopicMessage] = []
        for n in 0..<5 { published.append(try f.store.publish(topic: "t", message: "m\(n)")) }
        let folder = f.store.folder(of: "t")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.count == 5)
        #expect(names.allSatisfy { !$0.hasPrefix(".") && !$0.hasSuffix(".tmp") })
        // A writer caught half-way leaves only a hidden temporary file, which is never a message.
        try "{".write(toFile: folder + "/.half.json.1234.tmp", atomically: false, encoding: .utf8)
        let files = f.store.messageFiles(topic: "t")
        #expect(files == published.map(\.fileName).sorted())
        #expect(files.compactMap { f.store.message(topic: "t", file: $0) }.count == 5)
        #expect(f.store.topics() == ["t"])
    }

    @Test("A stored document reads back as the message that was published")
    func roundTrip() throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let message = try f.store.publish(
            topic: "t",
            message: "body",
            subject: "s",
            attributes: ["a": ["DataType": "String.Array", "StringValue": "[\"x\", 1, true]"]]
        )
        #expect(f.store.message(topic: "t", file: message.fileName) == message)
        #expect(TopicMessage(envelope: message.envelope) == message)
        #expect(TopicMessage(envelope: ["Type": "SubscriptionConfirmation"]) == nil)
    }

    @Test(
        "Publish is refused the way SNS refuses it",
        arguments: [
            (
                topic: "bad/name", message: "m", subject: nil, code: "InvalidParameter",
                text: "Invalid parameter: TopicArn"
            ),
            (topic: "t", message: "", subject: nil, code: "InvalidParameter", text: "Invalid parameter: Empty message"),
            (topic: "t", message: "m", subject: "", code: "InvalidParameter", text: "Invalid parameter: Subject"),
            (
                topic: "t", message: "m", subject: "two\nlines", code: "InvalidParameter",
                text: "Invalid parameter: Subject"
            ),
            (
                topic: "t", message: "m", subject: String(repeating: "s", count: 101), code: "InvalidParameter",
                text: "Invalid parameter: Subject"
            ),
            (
                topic: "t", message: String(repeating: "x", count: 262_145), subject: nil, code: "InvalidParameter",
                text: "Invalid parameter: Message too long"
            ),
        ] as [(topic: String, message: String, subject: String?, code: String, text: String)]
    )
    func refusedPublish(_ c: (topic: String, message: String, subject: String?, code: String, text: String)) throws {
        let f = try TopicFixture()
        defer { f.remove() }
        #expect(throws: TopicError.self) { try f.store.publish(topic: c.topic, message: c.message, subject: c.subject) }
        do {
            _ = try f.store.publish(topic: c.topic, message: c.message, subject: c.subject)
        } catch {
            #expect(error.errorCode == c.code)
            #expect(error.message == c.text)
        }
        #expect(f.store.topics().isEmpty)
    }

    @Test("The 256 KiB limit counts the message and its attributes, byte for byte")
    func sizeLimit() throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let attribute: JSONObject = ["n": ["DataType": "String", "StringValue": "v"]]
        // 262,144 bytes in all: the message plus "n", "String" and "v".
        let fits = String(repeating: "x", count: 262_144 - 8)
        #expect(throws: Never.self) { try f.store.publish(topic: "t", message: fits, attributes: attribute) }
        #expect(throws: TopicError.invalidParameter("Message too long")) {
            try f.store.publish(topic: "t", message: fits + "x", attributes: attribute)
        }
    }

    @Test(
        "Message attributes are checked as SNS checks them",
        arguments: [
            (
                ["a": ["DataType": "Text", "StringValue": "v"]],
                "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes "
                    + "is Binary, Number, and String."
            ),
            (
                ["n": ["DataType": "Number", "StringValue": "ten"]],
                "Could not cast message attribute 'n' value to number."
            ),
            (
                ["b": ["DataType": "Binary", "StringValue": "AAEC"]],
                "The message attribute 'b' with type 'Binary' must use field 'Binary'."
            ),
            (
                ["e": ["DataType": "String", "StringValue": ""]],
                "The message attribute 'e' must contain non-empty message attribute value for message attribute type "
                    + "'String'."
            ),
            (
                [".a": ["DataType": "String", "StringValue": "v"]],
                "Invalid message attribute name starting with character '.' was found."
            ),
            (
                ["a b": ["DataType": "String", "StringValue": "v"]],
                "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include "
                    + "alphanumeric characters, hyphens, underscores, or dots."
            ),
            (
                JSONObject((0..<11).map { ("a\($0)", ["DataType": "String", "StringValue": "v"] as JSONValue) }),
                "Number of message attributes [11] exceeds the allowed maximum [10]."
            ),
        ] as [(JSONObject, String)]
    )
    func refusedAttributes(_ attributes: JSONObject, _ text: String) throws {
        let f = try TopicFixture()
        defer { f.remove() }
        #expect(throws: TopicError.invalidParameterValue(text)) {
            try f.store.publish(topic: "t", message: "m", attributes: attributes)
        }
    }

    @Test("Custom attribute types and the number forms SNS reads are accepted")
    func acceptedAttributes() throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let message = try f.store.publish(
            topic: "t",
            message: "m",
            attributes: [
                "price": ["DataType": "Number.float", "StringValue": "-1.5e3"],
                "half": ["DataType": "Number", "StringValue": ".5"],
                "count": ["DataType": "Number", "StringValue": 42],
                "tags": ["DataType": "String.Array", "StringValue": "[\"a\",null]"],
            ]
        )
        #expect(message.attributes.map(\.value) == ["-1.5e3", ".5", "42", "[\"a\",null]"])
    }
}
