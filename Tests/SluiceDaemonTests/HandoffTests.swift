import Foundation
import SluiceTesting
import Testing

/// Every hand-off between two durable steps, with the real sluiced killed at the moment between them (a fault point
/// armed through SLUICE_FAULT, not a lucky sleep): the restarted sluiced carries it on, and it happens exactly once.
/// And the lock: a second sluiced on the same root. One at a time, beside DaemonEndToEndTests.
@Suite(.serialized)
struct FaultPointTests: RealDaemonTesting {
    /// Arms `fault`, drops one file, and checks sluiced died there; then restarts it and checks that the upload
    /// made one execution, one message in each topic, and one delivery of each.
    /// `deliveredOnce`: the delivery log of the hand-off killed before it began, which must then run once.
    func dropKilledAt(_ fault: String, deliveredOnce: String? = nil) async throws {
        let root = try Root()
        defer { root.remove() }
        try handoffPipeline(root)
        var (daemon, log) = try await launch(root, fault: fault)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        #expect(try await killedBySignal(daemon), "sluiced was not killed at \(fault)")
        #expect(logContains(log, "fault point \(fault) reached"))
        (daemon, log) = try await launch(root)
        try await waitFor(seconds: 30) {
            executions(root, status: "SUCCEEDED").count == 1 && lines(root, "deliveries") >= 1
                && lines(root, "ended-deliveries") >= 1
        }
        // Anything handed on twice would show by now: sluiced has nothing left to do.
        try await waitFor(seconds: 10) {
            let status = try? sluiceJSON(root, ["status"])
            return status?["queuedDeliveries"] as? Int == 0 && status?["pendingHandoffs"] as? Int == 0
        }
        #expect(executions(root).count == 1)
        #expect(root.files("var/lib/sluice/topics/done").filter { $0.hasSuffix(".json") }.count == 1)
        #expect(root.files("var/lib/sluice/topics/ended").filter { $0.hasSuffix(".json") }.count == 1)
        // One MessageId each. Delivery is at least once, as SNS's: a subscriber script that was running when
        // sluiced died runs again; that is the most there can be.
        #expect(root.files("out") == ["\(root.files("out").first ?? "")"] && received(root) == ["one.csv"])
        #expect(root.files("ended").count == 1)
        #expect((1...2).contains(lines(root, "deliveries")))
        #expect((1...2).contains(lines(root, "ended-deliveries")))
        if let deliveredOnce { #expect(lines(root, deliveredOnce) == 1) }
        try await stop(daemon)
        #expect(daemon.terminationStatus == 0)
    }

    @Test(
        "Killed between an object's event and its record: the restart reports it again, one execution",
        .timeLimit(.minutes(2))
    )
    func killedBeforeObjectRecorded() async throws { try await dropKilledAt("intake.before-commit") }

    @Test(
        "Killed after an object and its targets are recorded: the restart starts the execution once",
        .timeLimit(.minutes(2))
    )
    func killedAfterObjectRecorded() async throws { try await dropKilledAt("intake.after-commit") }

    @Test("Killed after an execution's start is recorded: it is resumed, not started again", .timeLimit(.minutes(2)))
    func killedAfterExecutionStarted() async throws { try await dropKilledAt("start.after-commit") }

    @Test(
        "Killed after an execution's end is recorded: its status change still reaches the rule's topic once",
        .timeLimit(.minutes(2))
    )
    func killedAfterExecutionEnded() async throws { try await dropKilledAt("end.after-commit") }

    @Test(
        "Killed after a rule target's message is stored: it is delivered once after the restart",
        .timeLimit(.minutes(2))
    )
    func killedAfterRulePublish() async throws {
        try await dropKilledAt("publish.after-store", deliveredOnce: "ended-deliveries")
    }

    @Test(
        "Killed after an execution's sns:publish stored its message: one message, delivered once",
        .timeLimit(.minutes(2))
    )
    func killedAfterExecutionPublish() async throws {
        try await dropKilledAt("execution-publish.after-store", deliveredOnce: "deliveries")
    }

    @Test(
        "Killed after an execution's delivery is recorded: delivered once after the restart",
        .timeLimit(.minutes(2))
    )
    func killedAfterDeliveryRecorded() async throws {
        try await dropKilledAt("execution-publish.after-commit", deliveredOnce: "deliveries")
    }

    @Test(
        "Killed while a target waits to retry a missing state machine: the retry carries on, one execution",
        .timeLimit(.minutes(2))
    )
    func killedDuringTargetRetry() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write(
            "etc/sluice/rules/later.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "later", "Arn": "arn:aws:states:local:000000000000:stateMachine:later",
                          "RetryPolicy": {"MaximumRetryAttempts": 20, "MaximumEventAgeInSeconds": 600}}]}
            """#
        )
        var (daemon, log) = try await launch(root, fault: "retry.after-commit")
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        #expect(try await killedBySignal(daemon))
        #expect(logContains(log, "fault point retry.after-commit reached"))
        // The state machine appears while sluiced is down; the postponed hand-off finds it.
        try root.write(
            "etc/sluice/state-machines/later.asl.json",
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        )
        (daemon, log) = try await launch(root)
        try await waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 2 }
        let later = executions(root).filter { ($0["stateMachineArn"] as? String)?.hasSuffix(":later") == true }
        #expect(later.count == 1)
        #expect(logContains(log, "hand-off(s) the previous sluiced left"))
        try await stop(daemon)
    }

    @Test(
        "Killed after answering `sluice start-execution`: the promised execution runs once; StartExecution is idempotent by name",
        .timeLimit(.minutes(2))
    )
    func killedAfterStartExecutionAnswered() async throws {
        let root = try Root()
        defer { root.remove() }
        try handoffPipeline(root)
        try root.write(
            "etc/sluice/state-machines/nap.asl.json",
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3, "End": true}}}"#
        )
        var (daemon, _) = try await launch(root, fault: "control.after-commit")
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let started = try sluice(
            root,
            ["start-execution", "note", "--name", "by-hand", "--input", #"{"key": "by-hand"}"#]
        )
        #expect(started.status == 0)
        #expect(try await killedBySignal(daemon))
        (daemon, _) = try await launch(root)
        try await waitFor(seconds: 30) {
            executions(root, status: "SUCCEEDED").count == 1 && lines(root, "deliveries") == 1
        }
        #expect(received(root) == ["by-hand"])
        // Closed now: the same name again is ExecutionAlreadyExists (exit 2), and nothing runs.
        let again = try sluiceRun(
            root,
            ["start-execution", "note", "--name", "by-hand", "--input", #"{"key": "by-hand"}"#]
        )
        #expect(again.status == 2)
        #expect(again.errors.contains("ExecutionAlreadyExists"))
        // While it runs, the same name and input answer as its start did; another input is refused.
        let first = try sluiceJSON(root, ["start-execution", "nap", "--name", "twice", "--input", "{}"])
        let second = try sluiceJSON(root, ["start-execution", "nap", "--name", "twice", "--input", "{}"])
        #expect(first["executionArn"] as? String == second["executionArn"] as? String)
        #expect(first["startDate"] as? String == second["startDate"] as? String)
        let other = try sluiceRun(root, ["start-execution", "nap", "--name", "twice", "--input", #"{"x": 1}"#])
        #expect(other.status == 2)
        #expect(other.errors.contains("ExecutionAlreadyExists"))
        try await waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 2 }
        #expect(executions(root).count == 2)
        try await stop(daemon)
    }

    @Test(
        "A second sluiced on a root in use refuses to start, saying why; the upload runs once",
        .timeLimit(.minutes(2))
    )
    func secondDaemonRefused() async throws {
        let root = try Root()
        defer { root.remove() }
        try handoffPipeline(root)
        let (first, _) = try await launch(root)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let second = Process()
        second.executableURL = URL(fileURLWithPath: Self.binary)
        second.arguments = ["--root", root.path]
        let errors = Pipe()
        second.standardError = errors
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus != 0)
        #expect(said.contains("already running on root \(root.path)"))
        #expect(said.contains("pid \(first.processIdentifier)"))
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        try await waitFor(seconds: 30) {
            executions(root, status: "SUCCEEDED").count == 1 && lines(root, "deliveries") == 1
        }
        // Nothing left to do: a second execution, had one been started, would be recorded by now.
        try await waitFor(seconds: 10) { root.isIdle }
        #expect(executions(root).count == 1)
        #expect(first.isRunning)
        try await stop(first)
    }
}
