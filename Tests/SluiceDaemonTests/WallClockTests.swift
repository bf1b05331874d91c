import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// Wait states and TimeoutSeconds on sluiced's clock set forward by the test: an hour passes in a second.
extension InProcessDaemonTests {
    @Test(
        "A Wait of an hour ends when sluiced's clock reaches it; the execution's dates say an hour went by",
        .timeLimit(.minutes(3))
    )
    func hourLongWait() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write(
            "etc/sluice/state-machines/hour.asl.json",
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#
        )
        let sluice = SluiceTool(root: root)
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { _ in
            let started = try await sluice.json(["start-execution", "hour", "--name", "h"])
            let arn = try #require(started["executionArn"] as? String)
            try await eventually("RUNNING", within: .seconds(60)) { root.execution(arn)?.status == .running }
            // Ten minutes a look: the hour is over within a few looks of the Wait's start, whenever that was.
            try await eventually("SUCCEEDED", within: .seconds(60)) {
                clock.advance(by: .seconds(600))
                return root.execution(arn)?.status == .succeeded
            }
            let record = try #require(root.execution(arn))
            #expect(try #require(record.stopDate) - record.startDate >= 3600)
        }
    }

    @Test(
        "A Task's TimeoutSeconds of ten minutes fails it with States.Timeout when sluiced's clock gets there",
        .timeLimit(.minutes(3))
    )
    func tenMinuteTimeout() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write(
            "etc/sluice/functions/forever.sh",
            "#!/bin/sh\nwhile read -r line; do sleep 300; done\n",
            executable: true
        )
        try root.write(
            "etc/sluice/functions/forever.json",
            #"{"Command": ["./forever.sh"], "Runtime": "persistent", "Timeout": 900}"#
        )
        try root.write(
            "etc/sluice/state-machines/stuck.asl.json",
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "forever", "TimeoutSeconds": 600, "End": true}}}"#
        )
        let sluice = SluiceTool(root: root)
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { _ in
            let arn = try #require(try await sluice.json(["start-execution", "stuck"])["executionArn"] as? String)
            // A minute a look: the ten minutes are over within a few looks of the Task's start.
            try await eventually("FAILED", within: .seconds(60)) {
                clock.advance(by: .seconds(60))
                return root.execution(arn)?.status == .failed
            }
            #expect(root.execution(arn)?.error == "States.Timeout")
        }
    }
}
