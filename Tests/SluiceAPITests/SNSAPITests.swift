import Foundation
import SluiceTesting
import Testing

/// SNS through boto3 and the AWS CLI: topics as folders, Publish delivered to subscriber scripts with their
/// filter policies, and `exec` subscriptions made and removed through the API.
@Suite struct SNSAPITests {
    @Test func topicsPublishAndSubscriptionsThroughBoto3() async throws {
        let root = try DaemonRoot()
        try root.write(
            "etc/sluice/subscriptions/shipped.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(root.path)/record.sh"}"#
        )
        try root.write("record.sh", "#!/bin/sh\ncat > \"\(root.path)/out/$SLUICE_MESSAGE_ID\"\n", executable: true)
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    news = sns.create_topic(Name="news")["TopicArn"]
                    again = sns.create_topic(Name="news")["TopicArn"]
                    topics = [t["TopicArn"] for t in sns.list_topics()["Topics"]]
                    sub = sns.subscribe(TopicArn=news, Protocol="exec", Endpoint=sys.argv[1] + "/record.sh",
                                        Attributes={"FilterPolicy": '{"kind": ["keep"]}', "RawMessageDelivery": "true"})
                    keep = {"kind": {"DataType": "String", "StringValue": "keep"}}
                    kept = sns.publish(TopicArn=news, Message="kept", Subject="s", MessageAttributes=keep)
                    sns.publish(TopicArn=news, Message="dropped", MessageAttributes={"kind": {"DataType": "String", "StringValue": "drop"}})
                    batch = sns.publish_batch(TopicArn=news, PublishBatchRequestEntries=[
                        {"Id": "a", "Message": "batch", "MessageAttributes": keep}, {"Id": "b", "Message": ""}])
                    by_topic = sns.list_subscriptions_by_topic(TopicArn=news)["Subscriptions"]
                    every = sns.list_subscriptions()["Subscriptions"]
                    attributes = sns.get_topic_attributes(TopicArn=news)["Attributes"]
                    missing = news.replace(":news", ":nope")
                    out({"news": news, "again": again, "topics": topics, "sub": sub["SubscriptionArn"],
                         "kept": kept["MessageId"], "successful": [e["Id"] for e in batch["Successful"]],
                         "failed": [(e["Id"], e["Code"]) for e in batch["Failed"]],
                         "byTopic": [(s["Endpoint"], s["Protocol"]) for s in by_topic],
                         "every": sorted(s["SubscriptionArn"] for s in every), "confirmed": attributes["SubscriptionsConfirmed"],
                         "publishMissing": code(lambda: sns.publish(TopicArn=missing, Message="x")),
                         "subscribeMissing": code(lambda: sns.subscribe(TopicArn=missing, Protocol="exec", Endpoint="/bin/true")),
                         "badProtocol": code(lambda: sns.subscribe(TopicArn=news, Protocol="http", Endpoint="http://x")),
                         "badName": code(lambda: sns.create_topic(Name="no.dots")),
                         "emptyMessage": code(lambda: sns.publish(TopicArn=news, Message="")),
                         "unsubscribeShipped": code(lambda: sns.unsubscribe(SubscriptionArn="arn:aws:sns:local:000000000000:done:shipped"))})
                    """,
                arguments: [root.path]
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            let news = "arn:aws:sns:local:000000000000:news"
            #expect(result["news"] as? String == news)
            #expect(result["again"] as? String == news)
            #expect(result["topics"] as? [String] == ["arn:aws:sns:local:000000000000:done", news])
            let sub = try #require(result["sub"] as? String)
            #expect(sub.hasPrefix(news + ":"))
            let name = String(sub.dropFirst(news.count + 1))
            #expect(root.exists("var/lib/sluice/config/subscriptions/\(name).json"))
            #expect(root.exists("var/lib/sluice/topics/news"))
            #expect(result["successful"] as? [String] == ["a"])
            #expect((result["failed"] as? [[String]])?.first == ["b", "InvalidParameter"])
            #expect((result["byTopic"] as? [[String]]) == [[root.path + "/record.sh", "exec"]])
            #expect(result["every"] as? [String] == ["arn:aws:sns:local:000000000000:done:shipped", sub])
            #expect(result["confirmed"] as? String == "1")
            #expect(result["publishMissing"] as? String == "NotFound")
            #expect(result["subscribeMissing"] as? String == "NotFound")
            #expect(result["badProtocol"] as? String == "InvalidParameter")
            #expect(result["badName"] as? String == "InvalidParameter")
            #expect(result["emptyMessage"] as? String == "InvalidParameter")
            #expect(result["unsubscribeShipped"] as? String == "AuthorizationError")
            #expect(!root.exists("var/lib/sluice/topics/nope"))
            // The subscriber ran for the messages its filter policy lets through, and only for those.
            let kept = try #require(result["kept"] as? String)
            try await eventually("the subscriber gets the kept messages", within: .seconds(10)) {
                Set(root.files("out").compactMap { root.read("out/" + $0) }) == ["kept", "batch"]
            }
            #expect(root.read("out/" + kept) == "kept")
            #expect(root.messages(in: "news").count == 3)

            let removed = try await client.python(
                boto3Preamble + """
                    sns.unsubscribe(SubscriptionArn=sys.argv[1])
                    sns.delete_topic(TopicArn="arn:aws:sns:local:000000000000:news")
                    out({"left": [s["SubscriptionArn"] for s in sns.list_subscriptions()["Subscriptions"]],
                         "topics": [t["TopicArn"] for t in sns.list_topics()["Topics"]]})
                    """,
                arguments: [sub]
            )
            #expect(removed.status == 0, "\(removed.errors)")
            let after = try #require(removed.json as? [String: Any], "\(removed.output) \(removed.errors)")
            #expect(after["left"] as? [String] == ["arn:aws:sns:local:000000000000:done:shipped"])
            #expect(after["topics"] as? [String] == ["arn:aws:sns:local:000000000000:done"])
            #expect(!root.exists("var/lib/sluice/config/subscriptions/\(name).json"))
            #expect(!root.exists("var/lib/sluice/topics/news"))
        }
    }

    @Test func listAndPublishThroughTheCLI() async throws {
        let root = try DaemonRoot()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let created = try await client.aws(["sns", "create-topic", "--name", "alerts"])
            #expect(created.status == 0, "\(created.errors)")
            let listed = try await client.aws(["sns", "list-topics"])
            #expect(listed.status == 0, "\(listed.errors)")
            #expect(listed.output.contains("arn:aws:sns:local:000000000000:alerts"))
            let published = try await client.aws([
                "sns", "publish", "--topic-arn", "arn:aws:sns:local:000000000000:alerts", "--message", "hi",
            ])
            #expect(published.status == 0, "\(published.errors)")
            #expect(published.output.contains("MessageId"))
            #expect(root.messages(in: "alerts").count == 1)
            let missing = try await client.aws([
                "sns", "publish", "--topic-arn", "arn:aws:sns:local:000000000000:nope", "--message", "hi",
            ])
            #expect(missing.status != 0)
            #expect(missing.errors.contains("NotFound"))
        }
    }
}

extension SNSAPITests {
    /// A signed form with a broken escape is AWS's MalformedQueryString, and publishes nothing.
    @Test func malformedFormIsRefused() async throws {
        let root = try DaemonRoot()
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    import os, urllib.request, urllib.error
                    from botocore.auth import SigV4Auth
                    from botocore.awsrequest import AWSRequest
                    sns.create_topic(Name="t")
                    body = b"Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Alocal%3A000000000000%3At&Message=%ZZ"
                    request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=body,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
                    SigV4Auth(boto3.Session().get_credentials(), "sns", "local").add_auth(request)
                    try:
                        urllib.request.urlopen(urllib.request.Request(request.url, data=body, headers=dict(request.headers)))
                        out({"status": 200})
                    except urllib.error.HTTPError as e:
                        out({"status": e.code, "body": e.read().decode()})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["status"] as? Int == 404)
            #expect((result["body"] as? String)?.contains("<Code>MalformedQueryString</Code>") == true)
            #expect(root.messages(in: "t").isEmpty)
        }
    }
}

extension SNSAPITests {
    /// A subscription made through the API is a file: after a restart it is listed and its script still runs.
    @Test func subscriptionOutlivesSluiced() async throws {
        let root = try DaemonRoot()
        try root.write("record.sh", "#!/bin/sh\ncat > \"\(root.path)/out/$SLUICE_MESSAGE_ID\"\n", executable: true)
        let subscribed = try await InProcessDaemon.run(on: root) { _ in
            try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    topic = sns.create_topic(Name="kept")["TopicArn"]
                    sub = sns.subscribe(TopicArn=topic, Protocol="exec", Endpoint=sys.argv[1] + "/record.sh",
                                        Attributes={"RawMessageDelivery": "true"})
                    out({"arn": sub["SubscriptionArn"]})
                    """,
                arguments: [root.path]
            )
        }
        #expect(subscribed.status == 0, "\(subscribed.errors)")
        let arn = try #require((subscribed.json as? [String: Any])?["arn"] as? String, "\(subscribed.output)")
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    topic = "arn:aws:sns:local:000000000000:kept"
                    listed = [s["SubscriptionArn"] for s in sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]]
                    sns.publish(TopicArn=topic, Message="after restart")
                    out({"listed": listed})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            #expect((run.json as? [String: Any])?["listed"] as? [String] == [arn])
            try await eventually("the subscriber runs after the restart", within: .seconds(10)) {
                root.files("out").compactMap { root.read("out/" + $0) } == ["after restart"]
            }
        }
    }
}
