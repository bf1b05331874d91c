import Foundation
import SluiceTesting
import Testing

extension InProcessDaemonTests {
    @Test(
        "`sluice publish` hands its message to sluiced: delivered once while it runs, and by the next sluiced when it does not",
        .timeLimit(.minutes(3))
    )
    func publishFromTheShell() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.handoffPipeline()
        let sluice = SluiceTool(root: root)
        // No store yet: nothing would deliver it, so nothing is stored.
        let early = try await sluice.run(["publish", "done", "--message", "too early"])
        #expect(early.status == 2)
        #expect(early.errors.contains("sluice.db"))
        #expect(root.files("var/lib/sluice/topics/done").isEmpty)
        try await InProcessDaemon.run(on: root) { _ in
            #expect(try await sluice.status(["publish", "done", "--message", "while running"]) == 0)
            try await eventually("the delivery", within: .seconds(60)) { root.received == ["while running"] }
        }
        #expect(try await sluice.status(["publish", "done", "--message", "while stopped"]) == 0)
        try await InProcessDaemon.run(on: root) { _ in
            try await eventually("both deliveries", within: .seconds(60)) {
                root.received == ["while running", "while stopped"]
            }
            try await eventually("no hand-off left", within: .seconds(60)) {
                (try? await sluice.json(["status"]))?["pendingHandoffs"] as? Int == 0
            }
            #expect(root.lines("deliveries") == 2)
        }
    }
}
