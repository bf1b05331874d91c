import Foundation
import SluiceEngine
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// The redrive window (`RedriveRetentionDays`, AWS's 14 days): within it a failed execution keeps its journal and
/// can be redriven; past it the journal is dropped and RedriveExecution answers ExecutionNotRedrivable, while the
/// execution's record and history stay.
extension InProcessDaemonTests {
    @Test(
        "Past the redrive window a failed execution's journal is dropped and redriving it is refused; its record stays",
        .timeLimit(.minutes(3))
    )
    func redriveWindow() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("etc/sluice/functions/broken.sh", "#!/bin/sh\nexit 3\n", executable: true)
        try root.write("etc/sluice/functions/broken.json", #"{"Command": ["./broken.sh"], "Runtime": "process"}"#)
        try root.write(
            "etc/sluice/state-machines/fails.asl.json",
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "broken", "End": true}}}"#
        )
        let sluice = SluiceTool(root: root)
        let clock = ShiftedClock()
        var settings = SluiceSettings.testing
        settings.redriveRetentionDays = 2
        try await InProcessDaemon.run(on: root, settings: settings, clock: clock.wallClock) { _ in
            let old = try #require(
                try await sluice.json(["start-execution", "fails", "--name", "old"])["executionArn"] as? String
            )
            try await eventually("FAILED") { root.execution(old)?.status == .failed }
            #expect(try #require(root.store()).journal(old).isEmpty == false, "a failed execution keeps its journal")

            // A day later: still inside the window.
            clock.advance(by: .seconds(86_400))
            let young = try #require(
                try await sluice.json(["start-execution", "fails", "--name", "young"])["executionArn"] as? String
            )
            try await eventually("FAILED") { root.execution(young)?.status == .failed }

            // A day and a half more: the first is past the two days' window, the second not.
            clock.advance(by: .seconds(36 * 3600))
            try await eventually("the old journal dropped", within: .seconds(60)) {
                (try? root.store()?.journal(old).isEmpty) == true
            }
            #expect(try #require(root.store()).journal(young).isEmpty == false, "inside the window it stays")
            let refused = try await sluice.run(["executions", "redrive", old])
            #expect(refused.status == 2)
            #expect(refused.errors.contains("ExecutionNotRedrivable"), "\(refused.errors)")
            #expect(refused.errors.contains("redrivable period exceeded"), "\(refused.errors)")
            #expect(root.execution(old)?.status == .failed, "the record stays")
            #expect(try await sluice.status(["executions", "redrive", young]) == 0, "the young one can be redriven")
        }
    }
}
