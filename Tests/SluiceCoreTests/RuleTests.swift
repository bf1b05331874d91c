import SluiceCore
import SluiceJSON
import SluicePatterns
import Testing

struct RuleTests {
    private func decode(_ text: String) -> Result<Rule, ConfigErrors> {
        Rule.decode(try! JSONParser.parse(text), file: "rules/r.json", defaultName: "r")
    }

    private let event: JSONValue = [
        "version": "0", "id": "1", "detail-type": "Object Created", "source": "aws.s3", "account": "000000000000",
        "time": "2026-11-27T00:00:00Z", "region": "local", "resources": ["arn:aws:s3:::inbox"],
        "detail": ["bucket": ["name": "inbox"], "object": ["key": "companies/2026.csv", "size": 10]],
    ]

    @Test("A rule with a pattern and targets loads; its name defaults to the file stem")
    func loads() throws {
        let rule = try decode(
            #"""
            {"EventPattern": {"source": ["aws.s3"]},
             "Targets": [{"Id": "t", "Arn": "arn:aws:states:us-east-1:1:stateMachine:m", "InputPath": "$.detail"}]}
            """#
        ).get()
        #expect(rule.name == "r")
        #expect(rule.isEnabled)
        #expect(rule.targets.first?.destination == .stateMachine("m"))
        #expect(rule.eventPattern.matches(event))
    }

    @Test("EventPattern may be JSON text, as PutRule takes it")
    func patternAsText() throws {
        let rule = try decode(
            #"{"EventPattern": "{\"detail-type\": [\"Object Created\"]}", "Targets": [{"Id": "t", "Arn": "arn:aws:sns:local:1:scores"}]}"#
        ).get()
        #expect(rule.targets.first?.destination == .topic("scores"))
        #expect(rule.eventPattern.matches(event))
    }

    @Test("Every problem names the exact field")
    func problems() {
        guard
            case .failure(let errors) = decode(
                #"""
                {"Name": "bad name!", "State": "ON", "EventPattern": {"source": [{"nonsense": 1}]}, "Extra": 1,
                 "Targets": [{"Id": "t", "Arn": "arn:aws:s3:::bucket", "Input": "{}", "InputPath": "$",
                              "RetryPolicy": {"MaximumRetryAttempts": 500}},
                             {"Id": "t", "Arn": "arn:aws:sns:local:1:x"}]}
                """#
            )
        else {
            Issue.record("expected problems")
            return
        }
        let locations = Set(errors.problems.map(\.location))
        #expect(locations.contains("/Name"))
        #expect(locations.contains("/State"))
        #expect(locations.contains("/EventPattern"))
        #expect(locations.contains("/Extra"))
        #expect(locations.contains("/Targets[0]/Arn"))
        #expect(locations.contains("/Targets[0]"))  // Input and InputPath together
        #expect(locations.contains("/Targets[0]/RetryPolicy/MaximumRetryAttempts"))
        #expect(errors.problems.allSatisfy { $0.file == "rules/r.json" })
    }

    @Test("A rule may have no targets yet (PutRule before PutTargets), a RoleArn, and at most 5 targets")
    func targetCounts() throws {
        let empty = try decode(#"{"EventPattern": {"source": ["x"]}, "Targets": []}"#).get()
        #expect(empty.targets.isEmpty)
        let withRole = try decode(
            #"{"EventPattern": {"source": ["x"]}, "Targets": [{"Id": "t", "Arn": "arn:aws:sns:l:1:a", "RoleArn": "arn:aws:iam::1:role/r"}]}"#
        ).get()
        #expect(withRole.targets.map(\.id) == ["t"])
        let six = (0..<6).map { #"{"Id": "t\#($0)", "Arn": "arn:aws:sns:l:1:a"}"# }.joined(separator: ",")
        guard case .failure(let errors) = decode(#"{"EventPattern": {"source": ["x"]}, "Targets": [\#(six)]}"#) else {
            Issue.record("expected a problem")
            return
        }
        #expect(errors.problems.map(\.location) == ["/Targets"])
    }

    @Test("Target ids are unique within a rule")
    func duplicateTargetIds() {
        guard
            case .failure(let errors) = decode(
                #"{"EventPattern":{"source":["x"]},"Targets":[{"Id":"t","Arn":"arn:aws:sns:l:1:a"},{"Id":"t","Arn":"arn:aws:sns:l:1:b"}]}"#
            )
        else {
            Issue.record("expected a problem")
            return
        }
        #expect(errors.problems.map(\.location) == ["/Targets[1]/Id"])
    }

    @Test("A rule set matches enabled rules only")
    func ruleSet() throws {
        let on = try decode(
            #"{"Name":"on","EventPattern":{"source":["aws.s3"]},"Targets":[{"Id":"t","Arn":"arn:aws:sns:l:1:a"}]}"#
        ).get()
        let off = try decode(
            #"{"Name":"off","State":"DISABLED","EventPattern":{"source":["aws.s3"]},"Targets":[{"Id":"t","Arn":"arn:aws:sns:l:1:a"}]}"#
        ).get()
        let other = try decode(
            #"{"Name":"other","EventPattern":{"source":["x"]},"Targets":[{"Id":"t","Arn":"arn:aws:sns:l:1:a"}]}"#
        ).get()
        let set = RuleSet([other, off, on])
        #expect(set.matching(event).map(\.name) == ["on"])
    }

    @Test("ARNs resolve to their last component, whatever the region and account")
    func resourceNames() {
        #expect(
            ResourceName.parse("arn:aws:states:eu-west-1:123456789012:stateMachine:score") == .stateMachine("score")
        )
        #expect(ResourceName.parse("arn:aws:sns:local:000000000000:scores") == .topic("scores"))
        #expect(ResourceName.parse("arn:aws:lambda:us-east-1:1:function:f:prod") == .function("f"))
        #expect(ResourceName.parse("arn:aws:s3:::bucket") == nil)
        #expect(ResourceName.parse("not an arn") == nil)
    }
}

struct SubscriptionTests {
    @Test("A subscription with a filter policy and delivery policy loads")
    func loads() throws {
        let s = try Subscription.decode(
            try JSONParser.parse(
                #"""
                {"TopicArn": "arn:aws:sns:local:1:scores", "Protocol": "exec", "Endpoint": "/bin/cat",
                 "FilterPolicy": {"status": ["SUCCEEDED"]}, "RawMessageDelivery": true,
                 "DeliveryPolicy": {"healthyRetryPolicy": {"numRetries": 4, "minDelayTarget": 1, "maxDelayTarget": 8,
                                    "backoffFunction": "linear"}}}
                """#
            ),
            file: "s.json",
            name: "s"
        ).get()
        #expect(s.topic == "scores")
        #expect(s.rawMessageDelivery)
        #expect(
            s.filterPolicy?.matches(
                message: "x",
                attributes: ["status": ["DataType": "String", "StringValue": "SUCCEEDED"]]
            ) == true
        )
        #expect((1...5).map { s.deliveryPolicy.delay(beforeRetry: $0) } == [1, 3, 6, 8, nil])
    }

    @Test("Problems name the field: protocol, empty endpoint, bad filter policy, unknown fields")
    func problems() {
        let result = Subscription.decode(
            try! JSONParser.parse(
                #"{"Topic": "t", "Protocol": "http", "Endpoint": "", "FilterPolicy": {"a": [{"bogus": 1}]}, "Colour": 1}"#
            ),
            file: "s.json",
            name: "s"
        )
        guard case .failure(let errors) = result else {
            Issue.record("expected problems")
            return
        }
        let locations = Set(errors.problems.map(\.location))
        #expect(locations == ["/Protocol", "/Endpoint", "/FilterPolicy", "/Colour"])
    }

    @Test(
        "A relative Endpoint is the script beside the subscription file, wherever the configuration is",
        arguments: [
            ("/r/etc/sluice/subscriptions/s.json", "print.sh", "/r/etc/sluice/subscriptions/print.sh"),
            ("/r/etc/sluice/subscriptions/s.json", "./bin/print.sh", "/r/etc/sluice/subscriptions/bin/print.sh"),
            ("/etc/sluice/subscriptions/s.json", "../scripts/p.sh", "/etc/sluice/subscriptions/../scripts/p.sh"),
            ("/r/etc/sluice/subscriptions/s.json", "/usr/bin/logger", "/usr/bin/logger"),
        ]
    )
    func relativeEndpoint(file: String, endpoint: String, resolved: String) throws {
        let s = try Subscription.decode(
            try JSONParser.parse(#"{"Topic": "t", "Protocol": "exec", "Endpoint": "\#(endpoint)"}"#),
            file: file,
            name: "s"
        ).get()
        #expect(s.endpoint == resolved)
    }
}
