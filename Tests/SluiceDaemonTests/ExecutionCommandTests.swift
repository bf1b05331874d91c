import Foundation
import Testing

/// `sluice start-execution` and `sluice executions stop` against the real sluiced, through sluice.db.
extension DaemonEndToEndTests {
    @Test(
        "start-execution starts a named execution; stop ends it ABORTED; bad requests exit 2",
        .timeLimit(.minutes(2))
    )
    func startAndStop() throws {
        let root = try Root()
        defer { root.remove() }
        try root.write(
            "etc/sluice/state-machines/sleepy.asl.json",
            #"{"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "SecondsPath": "$.seconds", "End": true}}}"#
        )
        // Not running: nothing takes the request, the command says so.
        #expect(try sluice(root, ["start-execution", "sleepy"]).status == 2)
        let (daemon, _) = try start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let started = try sluiceJSON(
            root,
            ["start-execution", "sleepy", "--name", "first", "--input", #"{"seconds": 60}"#]
        )
        let arn = try #require(started["executionArn"] as? String)
        #expect(arn == "arn:aws:states:local:000000000000:execution:sleepy:first")
        try waitFor(seconds: 10) {
            (try? sluiceJSON(root, ["executions", "describe", arn]))?["status"] as? String == "RUNNING"
        }
        // `sluice status` shows the daemon and what runs.
        try waitFor(seconds: 10) { (try? sluiceJSON(root, ["status"]))?["running"] as? Bool == true }
        let status = try sluiceJSON(root, ["status"])
        #expect((status["executions"] as? [String: Any])?["RUNNING"] as? Int == 1)
        #expect(try sluice(root, ["status"]).status == 0)
        // Names are unique per state machine; unknown machines and bad input are refused.
        #expect(try sluice(root, ["start-execution", "sleepy", "--name", "first"]).status == 2)
        #expect(try sluice(root, ["start-execution", "nosuch"]).status == 2)
        #expect(try sluice(root, ["start-execution", "sleepy", "--input", "{not json"]).status == 2)
        #expect(try sluice(root, ["start-execution", "sleepy", "--name", "bad name"]).status == 2)

        let stopped = try sluiceJSON(root, ["executions", "stop", arn, "--error", "Manual", "--cause", "enough"])
        #expect(stopped["stopDate"] != nil)
        try waitFor(seconds: 10) {
            (try? sluiceJSON(root, ["executions", "describe", arn]))?["status"] as? String == "ABORTED"
        }
        let described = try sluiceJSON(root, ["executions", "describe", arn])
        #expect(described["error"] as? String == "Manual")
        #expect(described["cause"] as? String == "enough")
        let events = try #require(try sluiceJSON(root, ["executions", "history", arn])["events"] as? [[String: Any]])
        #expect(events.last?["type"] as? String == "ExecutionAborted")
        // Stopping it again, or something unknown, is refused.
        #expect(try sluice(root, ["executions", "stop", arn]).status == 2)
        #expect(try sluice(root, ["executions", "stop", arn + "x"]).status == 2)

        let quick = try sluiceJSON(root, ["start-execution", "sleepy", "--input", #"{"seconds": 0}"#])
        let quickArn = try #require(quick["executionArn"] as? String)
        try waitFor(seconds: 10) {
            (try? sluiceJSON(root, ["executions", "describe", quickArn]))?["status"] as? String == "SUCCEEDED"
        }
        daemon.terminate()
        daemon.waitUntilExit()
        #expect(try sluiceJSON(root, ["status"])["running"] as? Bool == false)

        // sluiced stopped: the request waits 5 s, is withdrawn and the command exits 2; a later sluiced never
        // starts it.
        #expect(try sluice(root, ["start-execution", "sleepy", "--name", "late"]).status == 2)
        let (again, _) = try start(root)
        defer { if again.isRunning { again.terminate() } }
        Thread.sleep(forTimeInterval: 1)
        #expect(
            try sluice(root, ["executions", "describe", "arn:aws:states:local:000000000000:execution:sleepy:late"])
                .status == 2
        )
        again.terminate()
        again.waitUntilExit()
    }
}
