import Foundation
import SluiceEngine
import SluiceInterpreter
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

@testable import SluiceCLI

/// `sluice status`, `executions` and `map-runs` against a temporary sluice.db written by the test (no sluiced):
/// AWS's shapes on stdout (the `sluice` binary), refusals with exit status 2 (in-process).
struct StoreCommandsTests {
    static let machine = "arn:aws:states:local:000000000000:stateMachine:note"

    /// A root whose store holds two executions of `note`: `done` SUCCEEDED, then `stuck` RUNNING.
    func storeWithExecutions() throws -> DaemonRoot {
        let root = try DaemonRoot()
        let store = try SluiceDatabase(path: root.paths.store)
        try store.saveExecution(
            ExecutionRecord(
                executionArn: "arn:aws:states:local:000000000000:execution:note:done",
                stateMachineArn: Self.machine,
                name: "done",
                status: .succeeded,
                startDate: 1_800_000_000,
                stopDate: 1_800_000_002.5,
                input: #"{"key":"a.txt"}"#,
                output: #"{"ok":true}"#
            )
        )
        try store.saveExecution(
            ExecutionRecord(
                executionArn: "arn:aws:states:local:000000000000:execution:note:stuck",
                stateMachineArn: Self.machine,
                name: "stuck",
                status: .running,
                startDate: 1_800_000_010,
                input: "{}"
            )
        )
        return root
    }

    @Test("executions list and describe print ListExecutions' and DescribeExecution's shapes, newest first")
    func executions() async throws {
        let root = try storeWithExecutions()
        defer { root.remove() }
        let sluice = SluiceTool(root: root)
        let list = try #require(try await sluice.json(["executions", "list"])["executions"] as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["stuck", "done"])
        #expect(list.map { $0["status"] as? String } == ["RUNNING", "SUCCEEDED"])
        #expect(list.last?["startDate"] as? String == "2027-01-15T08:00:00.000Z")
        #expect(list.last?["stopDate"] as? String == "2027-01-15T08:00:02.500Z")
        #expect(list.first?["stopDate"] == nil)
        let succeeded = try #require(
            try await sluice.json(["executions", "list", "--status", "SUCCEEDED"])["executions"] as? [[String: Any]]
        )
        #expect(succeeded.map { $0["name"] as? String } == ["done"])
        let described = try await sluice.json([
            "executions", "describe", "arn:aws:states:local:000000000000:execution:note:done",
        ])
        #expect(described["stateMachineArn"] as? String == Self.machine)
        #expect(described["input"] as? String == #"{"key":"a.txt"}"#)
        #expect(described["output"] as? String == #"{"ok":true}"#)
        #expect(described["redriveCount"] as? Int == 0)
        let text = String(decoding: try await sluice.run(["executions", "list"]).output, as: UTF8.self)
        #expect(text.split(separator: "\n").first?.hasPrefix("RUNNING") == true)
    }

    @Test("status counts executions by status and says sluiced is not running when it never reported")
    func status() async throws {
        let root = try storeWithExecutions()
        defer { root.remove() }
        let status = try await SluiceTool(root: root).json(["status"])
        #expect(status["running"] as? Bool == false)
        #expect((status["executions"] as? [String: Any])?["RUNNING"] as? Int == 1)
        #expect((status["executions"] as? [String: Any])?["SUCCEEDED"] as? Int == 1)
        #expect(status["pendingHandoffs"] as? Int == 0)
        #expect(status["queuedDeliveries"] as? Int == 0)
        #expect(try exitStatus(["status", "--root", root.path]) == 0)
    }

    @Test("Unknown executions and statuses are refused with exit status 2")
    func refusals() throws {
        let root = try storeWithExecutions()
        defer { root.remove() }
        #expect(try exitStatus(["executions", "list", "--status", "DONE", "--root", root.path]) == 2)
        #expect(try exitStatus(["executions", "describe", "arn:nosuch", "--root", root.path]) == 2)
        #expect(try exitStatus(["executions", "history", "arn:nosuch", "--root", root.path]) == 2)
        #expect(try exitStatus(["map-runs", "describe", "arn:nosuch", "--root", root.path]) == 2)
        #expect(try exitStatus(["executions", "list", "--root", root.path]) == 0)
    }

    @Test("sluice map-runs on a root where sluiced never ran says so and exits 2, creating nothing")
    func mapRunsWithoutStore() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        #expect(try exitStatus(["map-runs", "list", "--root", root.path]) == 2)
        #expect(try await SluiceTool(root: root).status(["map-runs", "list"]) == 2)
        #expect(!root.exists("var/lib/sluice/sluice.db"))
    }
}
