import SluiceASL
import SluiceJSON
import SluiceTesting
import SluiceTopics
import SluiceVocabulary
import Synchronization
import Testing

@testable import SluiceEngine
@testable import SluiceInterpreter

/// The fixed time the tests stamp messages with.
private let fixedTime = Timestamp(epochMilliseconds: 1_795_755_662_123)

struct TopicTasksTests {
    private func invocation(_ parameters: JSONValue, resource: String = TopicTasks.resource) -> TaskInvocation {
        TaskInvocation(token: 1, resource: resource, input: parameters, stateName: "Publish")
    }

    @Test("sns:publish stores the message and answers with the SDK's Publish result")
    func output() async throws {
        let f = try TopicFixture(now: { fixedTime })
        defer { f.remove() }
        let seen = Mutex<[TopicMessage]>([])
        let tasks = TopicTasks(store: f.store) { message in seen.withLock { $0.append(message) } }
        let result = await tasks.handle(
            invocation(["TopicArn": "arn:aws:sns:us-east-1:111111111111:scores", "Message": "hello"])
        )
        let output = try #require(try result?.get())
        let messageId = try #require(output["MessageId"]?.stringValue)
        let requestId = try #require(output["SdkResponseMetadata"]?["RequestId"]?.stringValue)
        let date = "Fri, 27 Nov 2026 05:01:02 GMT"
        #expect(
            output
                == [
                    "MessageId": .string(messageId),
                    "SdkHttpMetadata": [
                        "AllHttpHeaders": [
                            "x-amzn-RequestId": [.string(requestId)], "connection": ["keep-alive"],
                            "Content-Length": ["294"], "Date": [.string(date)], "Content-Type": ["text/xml"],
                        ],
                        "HttpHeaders": [
                            "connection": "keep-alive", "Content-Length": "294", "Content-Type": "text/xml",
                            "Date": .string(date), "x-amzn-RequestId": .string(requestId),
                        ],
                        "HttpStatusCode": 200,
                    ],
                    "SdkResponseMetadata": ["RequestId": .string(requestId)],
                ]
        )
        #expect(output.objectValue?.keys == ["MessageId", "SdkHttpMetadata", "SdkResponseMetadata"])
        // Region and account of the ARN are ignored; the message carries the store's ARN, as sluice names topics.
        let stored = try #require(seen.withLock { $0.first })
        #expect(stored.messageId == messageId)
        #expect(stored.topicArn == "arn:aws:sns:local:000000000000:scores")
        #expect(f.store.message(topic: "scores", file: stored.fileName) == stored)
    }

    @Test("A Message that is not a string is published as its JSON text, as Step Functions does")
    func jsonMessage() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let seen = Mutex<[TopicMessage]>([])
        let tasks = TopicTasks(store: f.store) { message in seen.withLock { $0.append(message) } }
        _ = try await tasks.handle(
            invocation([
                "TargetArn": "arn:aws:sns:local:000000000000:t",
                "Message": ["Message": "HelloWorld!", "n": [1, 2]],
                "Subject": "s",
                "MessageGroupId": "ignored",
                "MessageAttributes": ["k": ["DataType": "String", "StringValue": "v"]],
            ])
        )?.get()
        let message = try #require(seen.withLock { $0.first })
        #expect(message.message == #"{"Message":"HelloWorld!","n":[1,2]}"#)
        #expect(message.subject == "s")
        #expect(message.attributes == [MessageAttribute(name: "k", dataType: "String", value: "v")])
    }

    @Test("MessageStructure json sends the default entry")
    func messageStructure() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let seen = Mutex<[TopicMessage]>([])
        let tasks = TopicTasks(store: f.store) { message in seen.withLock { $0.append(message) } }
        let arn: JSONValue = "arn:aws:sns:local:000000000000:t"
        _ = try await tasks.handle(
            invocation(["TopicArn": arn, "MessageStructure": "json", "Message": ["default": "d", "email": "e"]])
        )?.get()
        #expect(seen.withLock { $0.map(\.message) } == ["d"])
        let failure = await tasks.handle(
            invocation(["TopicArn": arn, "MessageStructure": "json", "Message": ["email": "e"]])
        )
        #expect(failure.map(Self.errorName) == "SNS.InvalidParameterException")
    }

    @Test(
        "A refused Publish fails the task as Step Functions names SNS errors",
        arguments: [
            (
                ["Message": "m"] as JSONValue, "SNS.InvalidParameterException",
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter", 400,
                "InvalidParameter"
            ),
            (
                ["TopicArn": "arn:aws:sqs:local:000000000000:q", "Message": "m"], "SNS.InvalidParameterException",
                "Invalid parameter: TopicArn", 400, "InvalidParameter"
            ),
            (
                ["TopicArn": "arn:aws:sns:local:000000000000:t"], "SNS.InvalidParameterException",
                "Invalid parameter: Empty message", 400, "InvalidParameter"
            ),
            (
                [
                    "TopicArn": "arn:aws:sns:local:000000000000:t", "Message": "m",
                    "MessageAttributes": ["n": ["DataType": "Number", "StringValue": "x"]],
                ],
                "SNS.InvalidParameterValueException", "Could not cast message attribute 'n' value to number.", 400,
                "ParameterValueInvalid"
            ),
        ] as [(JSONValue, String, String, Int, String)]
    )
    func errors(_ parameters: JSONValue, _ name: String, _ message: String, _ status: Int, _ code: String) async throws
    {
        let f = try TopicFixture()
        defer { f.remove() }
        let result = await TopicTasks(store: f.store).handle(invocation(parameters))
        guard case .failure(let error)? = result else {
            Issue.record("the task should fail, not \(String(describing: result))")
            return
        }
        #expect(error.name == name)
        let cause = try #require(error.cause)
        #expect(
            cause.hasPrefix("\(message) (Service: AmazonSNS; Status Code: \(status); Error Code: \(code); Request ID: ")
        )
        #expect(cause.hasSuffix("; Proxy: null)"))
        #expect(f.store.topics().isEmpty)
    }

    @Test("Other resources are not answered; sns:publish variants sluice lacks fail as States.Runtime")
    func resources() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let tasks = TopicTasks(store: f.store)
        #expect(await tasks.handle(invocation([:], resource: "arn:aws:states:::lambda:invoke")) == nil)
        let sync = await tasks.handle(invocation([:], resource: TopicTasks.resource + ".sync"))
        #expect(sync.map(Self.errorName) == StatesError.Name.runtime)
    }

    private static func errorName(_ result: Result<JSONValue, StatesError>) -> String? {
        if case .failure(let error) = result { return error.name }
        return nil
    }
}
