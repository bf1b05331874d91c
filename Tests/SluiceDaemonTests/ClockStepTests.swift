import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// The system clock stepped under a running sluiced, as NTP does to a clock that was wrong or a VM restored from a
/// snapshot sees (issue 19). The real sluiced runs with ClockStep/clock-step.c preloaded, whose step in seconds the
/// test rewrites: only the wall clock moves, as in a real step. A timer once set runs on the monotonic clock, so a step
/// neither stalls a running Wait for the hour stepped back nor cuts it short; events are stamped with the clock's
/// time, whatever it says; and every upload still makes one execution.
@Suite(.serialized)
struct ClockStepTests: RealDaemonTesting {
    @Test(
        "The clock stepped back an hour, then forward two: running Waits keep their length, each upload one execution stamped with the clock's time",
        .timeLimit(.minutes(5))
    )
    func steppedBackAndForward() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write(
            "etc/sluice/state-machines/note.asl.json",
            #"""
            {"StartAt": "Nap", "States": {
              "Nap": {"Type": "Wait", "Seconds": 3, "Next": "Publish"},
              "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.key"}, "End": true}}}
            """#
        )
        let offset = root.path + "/clock-step"
        try "0\n".write(toFile: offset, atomically: true, encoding: .utf8)
        let (daemon, log) = try await launch(root, environment: try await Self.stepped(offset, root))
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }

        try root.write("var/lib/sluice/buckets/inbox/before.txt", "1")
        try await waitFor(seconds: 60) { execution(root, "before.txt")?.status == .running }
        let stepped = ContinuousClock.now
        try "-3600\n".write(toFile: offset, atomically: true, encoding: .utf8)
        // The shim reads the step again within 100 ms.
        try await Task.sleep(for: .seconds(0.5))
        try root.write("var/lib/sluice/buckets/inbox/after-back.txt", "2")
        try await waitFor(seconds: 60) {
            execution(root, "before.txt")?.status == .succeeded
                && execution(root, "after-back.txt")?.status == .succeeded
        }
        // The Wait set before the step ended on time, not an hour later (the bound leaves room for a starved machine).
        #expect(ContinuousClock.now - stepped < .seconds(120))
        let before = try #require(execution(root, "before.txt"))
        let afterBack = try #require(execution(root, "after-back.txt"))
        #expect(abs(afterBack.startDate - (Date().timeIntervalSince1970 - 3600)) < 120, "sluiced's clock did not step")
        #expect(abs(try #require(before.stopDate) - (Date().timeIntervalSince1970 - 3600)) < 120)

        try "7200\n".write(toFile: offset, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .seconds(0.5))
        let dropped = ContinuousClock.now
        try root.write("var/lib/sluice/buckets/inbox/forward.txt", "3")
        try await waitFor(seconds: 60) { execution(root, "forward.txt")?.status == .succeeded }
        // Two hours forward end no 3-second Wait early.
        #expect(ContinuousClock.now - dropped >= .seconds(3))
        let forward = try #require(execution(root, "forward.txt"))
        #expect(abs(forward.startDate - (Date().timeIntervalSince1970 + 7200)) < 120)
        #expect(forward.stopDate.map { $0 - forward.startDate >= 3 } == true)

        // Each upload once, each message delivered, and `sluice` (on the true clock) lists what sluiced recorded.
        try await waitFor(seconds: 60) { received(root) == ["before.txt", "after-back.txt", "forward.txt"] }
        #expect(root.executions().count == 3)
        #expect(executions(root, status: "SUCCEEDED").count == 3)
        #expect(daemon.isRunning)
        #expect(!logContains(log, "error"))
        try await stop(daemon)
    }

    /// sluiced's environment with the shim, compiled into `root`, preloaded and reading its step from `offset`.
    static func stepped(_ offset: String, _ root: Root) async throws -> [String: String] {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/ClockStep/clock-step.c"
        let library = root.path + "/clock-step.so"
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The Swift toolchain's clang, beside swift on PATH.
        compiler.arguments = ["clang", "-shared", "-fPIC", "-O1", "-o", library, source, "-ldl"]
        try compiler.run()
        try await onOwnThread { compiler.waitUntilExit() }
        try #require(compiler.terminationStatus == 0, "clang could not build \(source)")
        return ["LD_PRELOAD": library, "SLUICE_CLOCK_STEP_FILE": offset]
    }

    /// The execution that the upload of `key` started.
    func execution(_ root: Root, _ key: String) -> ExecutionRecord? {
        root.executions().first { $0.input.contains("\"\(key)\"") }
    }
}
