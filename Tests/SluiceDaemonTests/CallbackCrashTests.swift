import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// A callback Task outlives kill -9: the restarted sluiced replays the execution, which waits for the same token
/// again (its function, already asked, is not asked twice), and a later SendTaskSuccess completes it.
@Suite(.serialized) struct CallbackCrashTests: RealDaemonTesting {
    @Test("A token handed out before kill -9 completes the execution after the restart")
    func tokenSurvivesKill() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.callbackMachine()
        let tool = SluiceTool(root: root)
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        #expect(try await tool.status(["start-execution", "approval", "--name", "crash"]) == 0)
        try await waitFor(seconds: 20) { root.exists("out/crash") }
        let token = try #require(root.read("out/crash"))
        // The journal is written every 50 ms: let it hold the function's answer (TaskSubmitted) before the kill.
        try await Task.sleep(for: .milliseconds(500))
        kill(daemon.processIdentifier, SIGKILL)
        // Waited for without blocking one of the few threads the in-process sluiced of other tests run on.
        try await waitFor(seconds: 10) { !daemon.isRunning }
        try FileManager.default.removeItem(atPath: root.path + "/out/crash")
        (daemon, _) = try await launch(root)
        // The journal says the function was asked (TaskSubmitted): the replayed Task waits for the same token
        // without asking again.
        let sent = try await tool.run(
            ["send-task-success", "--task-token", token, "--task-output", #"{"after":"kill"}"#]
        )
        #expect(sent.status == 0, "\(sent.errors)")
        let arn = "arn:aws:states:local:000000000000:execution:approval:crash"
        try await waitFor(seconds: 20) { root.execution(arn)?.status == .succeeded }
        #expect(root.execution(arn)?.output == #"{"after":"kill"}"#)
        #expect(!root.exists("out/crash"))
        try await stop(daemon)
    }

    @Test("An answer sluice send-task-success got through is not lost to a kill -9 right after it")
    func answerSurvivesKill() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.callbackMachine()
        let tool = SluiceTool(root: root)
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        #expect(try await tool.status(["start-execution", "approval", "--name", "answered"]) == 0)
        try await waitFor(seconds: 20) { root.exists("out/answered") }
        let token = try #require(root.read("out/answered"))
        try await Task.sleep(for: .milliseconds(500))
        let sent = try await tool.run(["send-task-success", "--task-token", token, "--task-output", #"{"kept":1}"#])
        #expect(sent.status == 0, "\(sent.errors)")
        kill(daemon.processIdentifier, SIGKILL)
        // Waited for without blocking one of the few threads the in-process sluiced of other tests run on.
        try await waitFor(seconds: 10) { !daemon.isRunning }
        (daemon, _) = try await launch(root)
        let arn = "arn:aws:states:local:000000000000:execution:approval:answered"
        try await waitFor(seconds: 20) { root.execution(arn)?.status == .succeeded }
        #expect(root.execution(arn)?.output == #"{"kept":1}"#)
        try await stop(daemon)
    }
}
