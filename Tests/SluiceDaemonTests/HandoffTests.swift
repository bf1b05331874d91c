import Foundation
import SluiceTesting
import Testing

/// Every hand-off between two durable steps, with sluiced killed at the moment between them (a fault point armed
/// through SLUICE_FAULT, not a lucky sleep): the restarted sluiced carries it on, and it happens exactly once.
extension DaemonEndToEndTests {
    /// `pipeline` (inbox → `note` → topic `done` → out/), plus a rule that publishes every SUCCEEDED execution's
    /// name to topic `ended`, whose subscriber writes into ended/; both subscribers count their deliveries.
    func handoffPipeline(_ root: Root) throws { try root.handoffPipeline() }

    /// Waits until `process` has ended and answers whether a signal ended it (SIGKILL at a fault point).
    func killedBySignal(_ process: Process, within seconds: Double = 20) throws -> Bool {
        try waitFor(seconds: seconds) { !process.isRunning }
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    func lines(_ root: Root, _ file: String) -> Int {
        ((try? String(contentsOfFile: root.path + "/" + file, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    func executions(_ root: Root, status: String? = nil) -> [[String: Any]] {
        let filter = status.map { ["--status", $0] } ?? []
        return (try? sluiceJSON(root, ["executions", "list"] + filter)["executions"] as? [[String: Any]]) ?? []
    }

    /// Arms `fault`, drops one file, and checks sluiced died there; then restarts it and checks that the upload
    /// made one execution, one message in each topic, and one delivery of each.
    /// `deliveredOnce`: the delivery log of the hand-off killed before it began, which must then run once.
    func dropKilledAt(_ fault: String, deliveredOnce: String? = nil) throws {
        let root = try Root()
        defer { root.remove() }
        try handoffPipeline(root)
        var (daemon, log) = try launch(root, fault: fault)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        #expect(try killedBySignal(daemon), "sluiced was not killed at \(fault)")
        #expect(logContains(log, "fault point \(fault) reached"))
        (daemon, log) = try launch(root)
        try waitFor(seconds: 30) {
            executions(root, status: "SUCCEEDED").count == 1 && lines(root, "deliveries") >= 1
                && lines(root, "ended-deliveries") >= 1
        }
        // Anything handed on twice would show by now: sluiced has nothing left to do.
        try waitFor(seconds: 10) {
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
        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
    }

    @Test(
        "Killed between an object's event and its record: the restart reports it again, one execution",
        .timeLimit(.minutes(2))
    )
    func killedBeforeObjectRecorded() throws { try dropKilledAt("intake.before-commit") }

    @Test(
        "Killed after an object and its targets are recorded: the restart starts the execution once",
        .timeLimit(.minutes(2))
    )
    func killedAfterObjectRecorded() throws { try dropKilledAt("intake.after-commit") }

    @Test("Killed after an execution's start is recorded: it is resumed, not started again", .timeLimit(.minutes(2)))
    func killedAfterExecutionStarted() throws { try dropKilledAt("start.after-commit") }

    @Test(
        "Killed after an execution's end is recorded: its status change still reaches the rule's topic once",
        .timeLimit(.minutes(2))
    )
    func killedAfterExecutionEnded() throws { try dropKilledAt("end.after-commit") }

    @Test(
        "Killed after a rule target's message is stored: it is delivered once after the restart",
        .timeLimit(.minutes(2))
    )
    func killedAfterRulePublish() throws { try dropKilledAt("publish.after-store", deliveredOnce: "ended-deliveries") }

    @Test(
        "Killed after an execution's sns:publish stored its message: one message, delivered once",
        .timeLimit(.minutes(2))
    )
    func killedAfterExecutionPublish() throws {
        try dropKilledAt("execution-publish.after-store", deliveredOnce: "deliveries")
    }

    @Test(
        "Killed after an execution's delivery is recorded: delivered once after the restart",
        .timeLimit(.minutes(2))
    )
    func killedAfterDeliveryRecorded() throws {
        try dropKilledAt("execution-publish.after-commit", deliveredOnce: "deliveries")
    }

    @Test(
        "Killed while a target waits to retry a missing state machine: the retry carries on, one execution",
        .timeLimit(.minutes(2))
    )
    func killedDuringTargetRetry() throws {
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
        var (daemon, log) = try launch(root, fault: "retry.after-commit")
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        #expect(try killedBySignal(daemon))
        #expect(logContains(log, "fault point retry.after-commit reached"))
        // The state machine appears while sluiced is down; the postponed hand-off finds it.
        try root.write(
            "etc/sluice/state-machines/later.asl.json",
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        )
        (daemon, log) = try launch(root)
        try waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 2 }
        let later = executions(root).filter { ($0["stateMachineArn"] as? String)?.hasSuffix(":later") == true }
        #expect(later.count == 1)
        #expect(logContains(log, "hand-off(s) the previous sluiced left"))
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test(
        "Killed after answering `sluice start-execution`: the promised execution runs once; StartExecution is idempotent by name",
        .timeLimit(.minutes(2))
    )
    func killedAfterStartExecutionAnswered() throws {
        let root = try Root()
        defer { root.remove() }
        try handoffPipeline(root)
        try root.write(
            "etc/sluice/state-machines/nap.asl.json",
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3, "End": true}}}"#
        )
        var (daemon, _) = try launch(root, fault: "control.after-commit")
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let started = try sluice(
            root,
            ["start-execution", "note", "--name", "by-hand", "--input", #"{"key": "by-hand"}"#]
        )
        #expect(started.status == 0)
        #expect(try killedBySignal(daemon))
        (daemon, _) = try launch(root)
        try waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 1 && lines(root, "deliveries") == 1 }
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
        try waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 2 }
        #expect(executions(root).count == 2)
        daemon.terminate()
        daemon.waitUntilExit()
    }

    @Test(
        "A second sluiced on a root in use refuses to start, saying why; the upload runs once",
        .timeLimit(.minutes(2))
    )
    func secondDaemonRefused() throws {
        let root = try Root()
        defer { root.remove() }
        try handoffPipeline(root)
        let (first, _) = try launch(root)
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
        try waitFor(seconds: 30) { executions(root, status: "SUCCEEDED").count == 1 && lines(root, "deliveries") == 1 }
        // Nothing left to do: a second execution, had one been started, would be recorded by now.
        try waitFor(seconds: 10) { root.isIdle }
        #expect(executions(root).count == 1)
        #expect(first.isRunning)
        first.terminate()
        first.waitUntilExit()
    }
}
