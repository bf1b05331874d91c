import SluiceCore
import SluiceJSON
import Testing

struct BucketDeclarationTests {
    func decode(_ text: String, name: String = "inbox") -> Result<BucketDeclaration, ConfigErrors> {
        BucketDeclaration.decode(try! JSONParser.parse(text), file: "buckets/\(name).json", name: name)
    }

    @Test("A bucket sends its events to EventBridge only when its notification configuration says so, as on S3")
    func eventBridgeSetting() throws {
        #expect(
            try decode(#"{"NotificationConfiguration": {"EventBridgeConfiguration": {}}}"#).get()
                .sendsEventsToEventBridge
        )
        #expect(try !decode(#"{}"#).get().sendsEventsToEventBridge)
        #expect(try !decode(#"{"Bucket": "inbox", "NotificationConfiguration": {}}"#).get().sendsEventsToEventBridge)
    }

    @Test("Problems name the field: another name, other notification targets, unknown fields, a bad bucket name")
    func problems() {
        guard
            case .failure(let errors) = decode(
                #"{"Bucket": "other", "NotificationConfiguration": {"QueueConfigurations": [], "EventBridgeConfiguration": true}, "Versioning": 1}"#
            )
        else {
            Issue.record("expected problems")
            return
        }
        #expect(
            Set(errors.problems.map(\.location)) == [
                "/Bucket", "/NotificationConfiguration/QueueConfigurations",
                "/NotificationConfiguration/EventBridgeConfiguration", "/Versioning",
            ]
        )
        guard case .failure(let named) = decode("{}", name: "My_Bucket") else {
            Issue.record("expected a problem with the name")
            return
        }
        #expect(named.problems.first?.message.contains("lowercase letters") == true)
    }

    @Test("S3's bucket naming rules")
    func names() {
        for good in ["inbox", "results", "my.bucket-2", "abc"] { #expect(BucketName.problem(good) == nil, "\(good)") }
        for bad in [
            "ab", "Inbox", "-inbox", "inbox-", "in..box", "192.168.1.1", "xn--inbox", "inbox-s3alias", "in_box",
        ] {
            #expect(BucketName.problem(bad) != nil, "\(bad)")
        }
    }
}
