import SluiceAWS
import Testing

/// awsQuery's flattened lists and maps read back from the form boto3 sends.
@Suite struct QueryFormTests {
    @Test func readsPlainParameters() {
        let form = QueryForm(body: Array("Action=Publish&Version=2010-03-31&Message=a+b%26c".utf8))
        #expect(form["Action"] == "Publish")
        #expect(form["Message"] == "a b&c")
        #expect(form["Subject"] == nil)
    }

    @Test func readsMessageAttributesInNumberOrder() {
        let form = QueryForm([
            ("MessageAttributes.entry.2.Name", "second"),
            ("MessageAttributes.entry.2.Value.DataType", "Number"),
            ("MessageAttributes.entry.2.Value.StringValue", "7"),
            ("MessageAttributes.entry.10.Name", "tenth"),
            ("MessageAttributes.entry.1.Name", "first"),
            ("MessageAttributes.entry.1.Value.DataType", "String"),
            ("MessageAttributes.entry.1.Value.StringValue", "x"),
        ])
        let entries = form.members("MessageAttributes.entry")
        #expect(entries.map { $0["Name"] } == ["first", "second", "tenth"])
        #expect(entries[1].scoped("Value")["DataType"] == "Number")
        #expect(entries[1].scoped("Value")["StringValue"] == "7")
    }

    @Test func readsListsOfStructuresAndOfValues() {
        let form = QueryForm([
            ("PublishBatchRequestEntries.member.1.Id", "a"),
            ("PublishBatchRequestEntries.member.1.Message", "one"),
            ("PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name", "k"),
            ("PublishBatchRequestEntries.member.2.Id", "b"),
            ("Ids.member.2", "y"),
            ("Ids.member.1", "x"),
        ])
        let batch = form.members("PublishBatchRequestEntries.member")
        #expect(batch.map { $0["Id"] } == ["a", "b"])
        #expect(batch[0].members("MessageAttributes.entry").first?["Name"] == "k")
        #expect(form.strings("Ids.member") == ["x", "y"])
    }

    @Test func ignoresMalformedNumbers() {
        let form = QueryForm([("Ids.member.0", "zero"), ("Ids.member.01", "padded"), ("Ids.member.x", "x")])
        #expect(form.strings("Ids.member").isEmpty)
    }

    @Test func readsStringMaps() {
        let form = QueryForm([
            ("Attributes.entry.1.key", "RawMessageDelivery"), ("Attributes.entry.1.value", "true"),
            ("Attributes.entry.2.key", "FilterPolicy"), ("Attributes.entry.2.value", "{\"a\":[\"b\"]}"),
        ])
        let map = form.stringMap("Attributes.entry")
        #expect(map.map(\.key) == ["RawMessageDelivery", "FilterPolicy"])
        #expect(map[1].value == "{\"a\":[\"b\"]}")
    }

    @Test func writesResponsesInTheSDKsShape() {
        let response = QueryResponse.xml(
            action: "CreateTopic",
            result: XMLText.element("TopicArn", "arn:aws:sns:local:000000000000:t"),
            requestId: "r-1",
            namespace: QueryResponse.snsNamespace
        )
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("<CreateTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"))
        #expect(
            text.contains(
                "<CreateTopicResult><TopicArn>arn:aws:sns:local:000000000000:t</TopicArn></CreateTopicResult>"
            )
        )
        #expect(text.contains("<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></CreateTopicResponse>"))
        #expect(QueryResponse.members("Topics", ["<a/>"]) == "<Topics><member><a/></member></Topics>")
    }
}
