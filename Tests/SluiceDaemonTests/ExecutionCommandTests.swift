import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// `sluice start-execution` and `sluice executions stop` against sluiced, through sluice.db.
extension InProcessDaemonTests {
    @Test(
        "start-execution starts a named execution; stop ends it ABORTED; bad requests exit 2",
        .timeLimit(.minutes(3))
    )
    func startAndStop() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write(
            "etc/sluice/state-machines/sleepy.asl.json",
            #"{"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "SecondsPath": "$.seconds", "End": true}}}"#
        )
        let sluice = SluiceTool(root: root)
        // Not running: nothing takes the request, the command says so.
        #expect(try await sluice.status(["start-execution", "sleepy"]) == 2)
        try await InProcessDaemon.run(on: root) { _ in
            let started = try await sluice.json([
                "start-execution", "sleepy", "--name", "first", "--input", #"{"seconds": 60}"#,
            ])
            let arn = try #require(started["executionArn"] as? String)
            #expect(arn == "arn:aws:states:local:000000000000:execution:sleepy:first")
            try await eventually("RUNNING", within: .seconds(60)) { root.execution(arn)?.status == .running }
            #expect(try await sluice.json(["executions", "describe", arn])["status"] as? String == "RUNNING")
            // `sluice status` shows the daemon and what runs.
            try await eventually("sluiced's report", within: .seconds(60)) {
                (try? await sluice.json(["status"]))?["running"] as? Bool == true
            }
            let status = try await sluice.json(["status"])
            #expect((status["executions"] as? [String: Any])?["RUNNING"] as? Int == 1)
            #expect(try await sluice.status(["status"]) == 0)
            // Names are unique per state machine; unknown machines and bad input are refused.
            #expect(try await sluice.status(["start-execution", "sleepy", "--name", "first"]) == 2)
            #expect(try await sluice.status(["start-execution", "nosuch"]) == 2)
            #expect(try await sluice.status(["start-execution", "sleepy", "--input", "{not json"]) == 2)
            #expect(try await sluice.status(["start-execution", "sleepy", "--name", "bad name"]) == 2)

            let stopped = try await sluice.json(["executions", "stop", arn, "--error", "Manual", "--cause", "enough"])
            #expect(stopped["stopDate"] != nil)
            try await eventually("ABORTED", within: .seconds(60)) { root.execution(arn)?.status == .aborted }
            let described = try await sluice.json(["executions", "describe", arn])
            #expect(described["status"] as? String == "ABORTED")
            #expect(described["error"] as? String == "Manual")
            #expect(described["cause"] as? String == "enough")
            let events = try #require(
                try await sluice.json(["executions", "history", arn])["events"] as? [[String: Any]]
            )
            #expect(events.last?["type"] as? String == "ExecutionAborted")
            // Stopping it again, or something unknown, is refused.
            #expect(try await sluice.status(["executions", "stop", arn]) == 2)
            #expect(try await sluice.status(["executions", "stop", arn + "x"]) == 2)

            let quick = try await sluice.json(["start-execution", "sleepy", "--input", #"{"seconds": 0}"#])
            let quickArn = try #require(quick["executionArn"] as? String)
            try await eventually("SUCCEEDED", within: .seconds(60)) { root.execution(quickArn)?.status == .succeeded }
            #expect(try await sluice.json(["executions", "describe", quickArn])["status"] as? String == "SUCCEEDED")
        }
        // sluiced stopped: the request waits 5 s, is withdrawn and the command exits 2; a later sluiced never
        // starts it. (That `sluice status` then says it is not running is DaemonEndToEndTests': here the test's
        // own process is sluiced's pid.)
        let late = try await sluice.run(["start-execution", "sleepy", "--name", "late"])
        #expect(late.status == 2)
        #expect(
            late.errors.contains("sluiced did not take the StartExecution request within 5 s (is it running?)"),
            "\(late.errors)"
        )
        try await InProcessDaemon.run(on: root) { _ in
            // A request made after it is answered: the later sluiced has taken every request there was by then.
            let after = try await sluice.json([
                "start-execution", "sleepy", "--name", "after", "--input", #"{"seconds": 0}"#,
            ])
            #expect(after["executionArn"] as? String == "arn:aws:states:local:000000000000:execution:sleepy:after")
            #expect(
                try await sluice.status([
                    "executions", "describe", "arn:aws:states:local:000000000000:execution:sleepy:late",
                ])
                    == 2
            )
            #expect(!root.executions().contains { $0.name == "late" })
        }
    }
}
