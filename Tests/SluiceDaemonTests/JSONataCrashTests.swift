import Foundation
import SluiceTesting
import Testing

/// A JSONata execution killed with SIGKILL mid-run: after the restart, the journal replays its expressions to the
/// values they had (`$uuid()`, `$now()`, `$random()` draw from the execution's journaled clock and generator), so the
/// output carries the values the history showed before the kill.
extension CrashRecoveryTests {
    func jsonataPipeline(_ root: Root) throws {
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "draw", "Arn": "arn:aws:states:local:000000000000:stateMachine:draw"}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/draw.asl.json",
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "Draw", "States": {
              "Draw": {"Type": "Pass", "Output": {"id": "{% $uuid() %}", "at": "{% $now() %}", "r": "{% $random() %}",
                                                 "key": "{% $states.input.detail.object.key %}"}, "Next": "Nap"},
              "Nap": {"Type": "Wait", "Seconds": 3, "Next": "Done"},
              "Done": {"Type": "Pass", "Output": {"first": "{% $states.input %}", "again": "{% $uuid() %}"}, "End": true}}}
            """#
        )
    }

    @Test("A JSONata execution SIGKILLed in a Wait resumes with the values its expressions drew before the kill")
    func jsonataKilledMidRun() async throws {
        let root = try Root()
        defer { root.remove() }
        try jsonataPipeline(root)
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        try root.write("var/lib/sluice/buckets/inbox/one.txt", "x")
        var drawn: String?
        try await waitFor(seconds: 20) {
            guard let arn = executions(root).first?["executionArn"] as? String,
                let events = try? sluiceJSON(root, ["executions", "history", arn])["events"] as? [[String: Any]],
                let exited = events.first(where: { $0["type"] as? String == "PassStateExited" }),
                let details = exited["stateExitedEventDetails"] as? [String: Any]
            else { return false }
            drawn = details["output"] as? String
            return true
        }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        (daemon, _) = try await start(root)
        try await waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 1 }
        #expect(executions(root).count == 1)
        let arn = try #require(executions(root).first?["executionArn"] as? String)
        let described = try sluiceJSON(root, ["executions", "describe", arn])
        let output = try #require(
            (described["output"] as? String).flatMap {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        )
        let first = try #require(output["first"] as? [String: Any])
        let before = try #require(
            try drawn.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        )
        #expect(first["id"] as? String == before["id"] as? String)
        #expect(first["at"] as? String == before["at"] as? String)
        #expect(first["r"] as? Double == before["r"] as? Double)
        #expect(first["key"] as? String == "one.txt")
        #expect((output["again"] as? String)?.count == 36)
        #expect(output["again"] as? String != first["id"] as? String)
        try await stop(daemon)
    }
}
