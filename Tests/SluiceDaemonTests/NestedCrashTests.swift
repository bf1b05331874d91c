import Foundation
import SluiceTesting
import Testing

/// A parent waiting for its child (startExecution.sync:2) killed with SIGKILL: after the restart the parent asks
/// again for the child its journal says it started, finds the same one (its name derived from the parent and the
/// task), and waits for it; no second child starts.
extension CrashRecoveryTests {
    func nestedPipeline(_ root: Root) throws {
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "outer", "Arn": "arn:aws:states:local:000000000000:stateMachine:outer"}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/outer.asl.json",
            #"""
            {"StartAt": "Inner", "States": {"Inner": {"Type": "Task",
              "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": {"StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:inner",
                             "Input": {"key.$": "$.detail.object.key"}}, "End": true}}}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/inner.asl.json",
            #"""
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3, "Next": "Done"},
              "Done": {"Type": "Pass", "Parameters": {"seen.$": "$.key"}, "End": true}}}
            """#
        )
    }

    @Test("A parent SIGKILLed while its .sync child runs waits, after the restart, for that same child")
    func nestedKilledMidRun() async throws {
        let root = try Root()
        defer { root.remove() }
        try nestedPipeline(root)
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/one.txt", "x")
        try await waitFor(seconds: 20) { executions(root, status: "RUNNING").count == 2 }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        (daemon, _) = try await start(root)
        try await waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 2 }
        let all = executions(root)
        #expect(all.count == 2)
        let child = try #require(all.first { ($0["stateMachineArn"] as? String)?.hasSuffix(":inner") == true })
        let parent = try #require(all.first { ($0["stateMachineArn"] as? String)?.hasSuffix(":outer") == true })
        let described = try sluiceJSON(
            root,
            ["executions", "describe", try #require(parent["executionArn"] as? String)]
        )
        let output = try #require(
            (described["output"] as? String).flatMap {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        )
        #expect(output["ExecutionArn"] as? String == child["executionArn"] as? String)
        #expect((output["Output"] as? [String: Any])?["seen"] as? String == "one.txt")
        try await stop(daemon)
    }
}
