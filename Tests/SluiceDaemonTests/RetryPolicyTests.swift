import Foundation
import SluiceTesting
import Testing

/// A target's RetryPolicy, on sluiced's clock set forward by the test: the back-offs (1 s, 2 s, 4 s, ... up to a
/// minute) and MaximumEventAgeInSeconds run out when the test says, not after real seconds.
extension InProcessDaemonTests {
    @Test(
        "A target whose state machine is missing is retried per its RetryPolicy, so one saved later gets the event",
        .timeLimit(.minutes(3))
    )
    func targetRetry() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.pipeline()
        let machine = try #require(root.read("etc/sluice/state-machines/note.asl.json"))
        try FileManager.default.removeItem(atPath: root.path + "/etc/sluice/state-machines/note.asl.json")
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { daemon in
            try root.write("var/lib/sluice/buckets/inbox/early.txt", "x")
            try await eventually("the first retry scheduled", within: .seconds(60)) {
                daemon.log.contains("retrying")
            }
            try root.write("etc/sluice/state-machines/note.asl.json", machine)
            try await eventually("the reload", within: .seconds(60)) { daemon.log.contains("configuration reloaded") }
            // Past any back-off so far: the retry is due at once and finds the state machine.
            clock.advance(by: .seconds(61))
            try await eventually("the delivery", within: .seconds(60)) { root.received.contains("early.txt") }
            #expect(root.executions().count == 1)
        }
    }

    @Test(
        "A target whose state machine never appears is tried MaximumRetryAttempts more times, then dropped",
        .timeLimit(.minutes(3))
    )
    func retriesRunOut() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try laterRule(root, maximumRetryAttempts: 7, maximumEventAgeInSeconds: 3600)
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { daemon in
            try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
            // The back-offs add up to 123 s (1, 2, 4, ... 32, then 60): only the clock set forward gets through
            // them within the time limit.
            for tries in 1...7 {
                // At least: the first back-offs are seconds, which a stalled machine can let pass on their own.
                try await eventually("try \(tries)", within: .seconds(60)) { daemon.log.count("retrying") >= tries }
                clock.advance(by: .seconds(60))
            }
            try await eventually("the event dropped", within: .seconds(60)) {
                daemon.log.contains("event dropped after 8 attempts")
            }
            try await eventually("no hand-off left", within: .seconds(60)) { root.isIdle }
            #expect(daemon.log.count("retrying") == 7)
            #expect(root.executions().isEmpty)
        }
    }

    @Test(
        "A target retried past its MaximumEventAgeInSeconds is dropped, however many attempts are left",
        .timeLimit(.minutes(3))
    )
    func eventAgeRunsOut() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try laterRule(root, maximumRetryAttempts: 185, maximumEventAgeInSeconds: 60)
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { daemon in
            try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
            try await eventually("the first try", within: .seconds(60)) { daemon.log.count("retrying") >= 1 }
            clock.advance(by: .seconds(61))
            try await eventually("the event dropped", within: .seconds(60)) {
                daemon.log.contains("event dropped after")
            }
            try await eventually("no hand-off left", within: .seconds(60)) { root.isIdle }
            // Dropped for its age, with most of its 185 attempts left: after the retry above, or after another whose
            // 2 s back-off a stalled machine let pass before the clock was set forward.
            let retries = daemon.log.count("retrying")
            #expect((1...3).contains(retries))
            #expect(daemon.log.contains("event dropped after \(retries + 1) attempts"))
        }
    }
}

extension InProcessDaemonTests {
    /// A rule whose target names a state machine that does not exist (yet), with the given RetryPolicy.
    func laterRule(_ root: DaemonRoot, maximumRetryAttempts: Int, maximumEventAgeInSeconds: Int) throws {
        try root.write(
            "etc/sluice/rules/later.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "later", "Arn": "arn:aws:states:local:000000000000:stateMachine:later",
                          "RetryPolicy": {"MaximumRetryAttempts": \#(maximumRetryAttempts),
                                          "MaximumEventAgeInSeconds": \#(maximumEventAgeInSeconds)}}]}
            """#
        )
    }
}
