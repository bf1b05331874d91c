import Foundation
import SluiceEngine
import SluiceStore
import SluiceTesting
import Testing

extension InProcessDaemonTests {
    /// The request doorbell is a hint: a request whose command could not ring (no permission on the doorbell, an
    /// older `sluice`) is still found by ControlService's timer.
    @Test(
        "sluiced makes the request doorbell, and answers a request written into sluice.db with no ring",
        .timeLimit(.minutes(2))
    )
    func requestWithoutRing() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try await InProcessDaemon.run(on: root) { _ in
            let paths = SluicePaths(root: root.path)
            #expect(root.exists("var/lib/sluice/" + RequestDoorbell.fileName))
            let store = try SluiceDatabase(path: paths.store)
            let id = try store.requestControl(
                kind: "StartExecution",
                body: #"{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:missing"}"#
            )
            var answer: String?
            try await eventually("the request answered", within: .seconds(60)) {
                answer = try? store.takeControlAnswer(id)
                return answer != nil
            }
            #expect(answer?.contains("StateMachineDoesNotExist") == true)
        }
    }
}
