import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// EventBridge through boto3: rules and targets made through the API are files that route put events to state
/// machines as bucket events are routed, and outlive sluiced; the rules /etc/sluice defines cannot be changed.
@Suite struct EventBridgeAPITests {
    static let hello = "arn:aws:states:local:000000000000:stateMachine:hello"

    @Test func rulesTargetsAndPutEventsThroughBoto3() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try root.write(
            "etc/sluice/rules/shipped.json",
            #"{"EventPattern": {"source": ["shipped.app"]}, "Targets": [{"Id": "hello", "Arn": "\#(Self.hello)"}]}"#
        )
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    hello = sys.argv[1]
                    rule = events.put_rule(Name="greet", EventPattern='{"source": ["my.app"]}', Description="greets")
                    put = events.put_targets(Rule="greet", Targets=[
                        {"Id": "hello", "Arn": hello, "RoleArn": "arn:aws:iam::000000000000:role/r", "InputPath": "$.detail"},
                        {"Id": "bad", "Arn": "arn:aws:lambda:local:000000000000:function:f"}])
                    described = events.describe_rule(Name="greet")
                    listed = [r["Name"] for r in events.list_rules(NamePrefix="gr")["Rules"]]
                    paged = events.list_rules(Limit=1)
                    targets = events.list_targets_by_rule(Rule="greet")["Targets"]
                    sent = events.put_events(Entries=[
                        {"Source": "my.app", "DetailType": "Greeting", "Detail": '{"name": "events"}'},
                        {"Source": "my.app", "DetailType": "Greeting", "Detail": "not json"}])
                    event = json.dumps({"id": "1", "account": "000000000000", "source": "a", "time": "2026-01-01T00:00:00Z",
                                        "region": "local", "resources": [], "detail-type": "x", "detail": {}})
                    out({"arn": rule["RuleArn"], "failed": put["FailedEntryCount"],
                         "failedIds": [e["TargetId"] for e in put["FailedEntries"]],
                         "pattern": described["EventPattern"], "state": described["State"],
                         "description": described["Description"], "listed": listed,
                         "paged": [r["Name"] for r in paged["Rules"]], "next": "NextToken" in paged,
                         "targets": [(t["Id"], t["Arn"], t.get("InputPath")) for t in targets],
                         "sentFailed": sent["FailedEntryCount"], "eventId": sent["Entries"][0].get("EventId"),
                         "malformed": sent["Entries"][1].get("ErrorCode"),
                         "match": events.test_event_pattern(EventPattern='{"source": ["a"]}', Event=event)["Result"],
                         "noMatch": events.test_event_pattern(EventPattern='{"source": ["b"]}', Event=event)["Result"],
                         "badPattern": code(lambda: events.test_event_pattern(EventPattern='{"source": "a"}', Event=event)),
                         "badEvent": code(lambda: events.test_event_pattern(EventPattern='{"source": ["a"]}', Event="{}")),
                         "missingRule": code(lambda: events.describe_rule(Name="nope")),
                         "missingTargets": code(lambda: events.put_targets(Rule="nope", Targets=[{"Id": "x", "Arn": hello}])),
                         "managed": code(lambda: events.put_rule(Name="shipped", EventPattern='{"source": ["x"]}')),
                         "managedTargets": code(lambda: events.remove_targets(Rule="shipped", Ids=["hello"])),
                         "invalidPattern": code(lambda: events.put_rule(Name="broken", EventPattern='{"source": "x"}')),
                         "hasTargets": code(lambda: events.delete_rule(Name="greet"))})
                    """,
                arguments: [Self.hello]
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["arn"] as? String == "arn:aws:events:local:000000000000:rule/greet")
            #expect(result["failed"] as? Int == 1)
            #expect(result["failedIds"] as? [String] == ["bad"])
            #expect(result["pattern"] as? String == #"{"source": ["my.app"]}"#)
            #expect(result["state"] as? String == "ENABLED")
            #expect(result["description"] as? String == "greets")
            #expect(result["listed"] as? [String] == ["greet"])
            #expect(result["paged"] as? [String] == ["greet"])
            #expect(result["next"] as? Bool == true)
            #expect((result["targets"] as? [[String]]) == [["hello", Self.hello, "$.detail"]])
            #expect(result["sentFailed"] as? Int == 1)
            #expect((result["eventId"] as? String)?.isEmpty == false)
            #expect(result["malformed"] as? String == "MalformedDetail")
            #expect(result["match"] as? Bool == true)
            #expect(result["noMatch"] as? Bool == false)
            #expect(result["badPattern"] as? String == "InvalidEventPatternException")
            #expect(result["badEvent"] as? String == "ValidationException")
            #expect(result["missingRule"] as? String == "ResourceNotFoundException")
            #expect(result["missingTargets"] as? String == "ResourceNotFoundException")
            #expect(result["managed"] as? String == "ManagedRuleException")
            #expect(result["managedTargets"] as? String == "ManagedRuleException")
            #expect(result["invalidPattern"] as? String == "InvalidEventPatternException")
            #expect(result["hasTargets"] as? String == "ValidationException")
            #expect(!root.exists("var/lib/sluice/config/rules/broken.json"))
            #expect(!root.exists("var/lib/sluice/config/rules/shipped.json"))
            // The put event started the rule's target with the event's detail.
            try await eventually("the rule's execution succeeds", within: .seconds(10)) {
                root.executions(status: .succeeded).count == 1
            }
            let execution = try #require(root.executions().first)
            #expect(execution.stateMachineArn == Self.hello)
            #expect(execution.output == #"{"greeting":"hello events"}"#)
        }
        #expect(root.exists("var/lib/sluice/config/rules/greet.json"))
        // The rule outlives sluiced; then it is disabled, stripped of its target and deleted.
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    targets = [t["Id"] for t in events.list_targets_by_rule(Rule="greet")["Targets"]]
                    events.disable_rule(Name="greet")
                    state = events.describe_rule(Name="greet")["State"]
                    events.put_events(Entries=[{"Source": "my.app", "DetailType": "Greeting", "Detail": '{"name": "off"}'}])
                    events.remove_targets(Rule="greet", Ids=["hello"])
                    events.delete_rule(Name="greet")
                    out({"targets": targets, "state": state,
                         "rules": [r["Name"] for r in events.list_rules()["Rules"]]})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["targets"] as? [String] == ["hello"])
            #expect(result["state"] as? String == "DISABLED")
            #expect(result["rules"] as? [String] == ["shipped"])
            #expect(!root.exists("var/lib/sluice/config/rules/greet.json"))
            #expect(root.executions().count == 1)
        }
    }
}
