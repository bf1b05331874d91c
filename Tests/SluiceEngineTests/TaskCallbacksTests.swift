import SluiceInterpreter
import SluiceJSON
import Testing

@testable import SluiceEngine

/// The registry of waiting callback Tasks: one answer per token, and an answer returns once its runner handled it.
struct TaskCallbacksTests {
    private static let arn = "arn:aws:states:local:000000000000:execution:m:e"

    @Test("SendTaskSuccess reaches the runner once and returns when handled; a second finds nothing")
    func successOnce() async throws {
        let callbacks = TaskCallbacks()
        let (events, sink) = AsyncStream<ExecutionEvent>.makeStream()
        callbacks.open("t", executionArn: Self.arn, invocation: 3, sink: sink)
        // The runner: handles what comes and says so.
        let runner = Task {
            var seen: [ExecutionEvent] = []
            for await event in events {
                seen.append(event)
                callbacks.handled(event, executionArn: Self.arn)
                if seen.count == 2 { break }
            }
            return seen
        }
        #expect(await callbacks.heartbeat("t") == .delivered)
        #expect(await callbacks.succeed("t", output: ["ok": true]) == .delivered)
        #expect(await callbacks.succeed("t", output: [:]) == .notWaiting)
        #expect(await callbacks.heartbeat("t") == .notWaiting)
        #expect(await runner.value == [.taskHeartbeat(token: 3), .taskSucceeded(token: 3, output: ["ok": true])])
    }

    @Test("A closed task, or an execution that stopped, answers notWaiting and never hangs the sender")
    func closed() async {
        let callbacks = TaskCallbacks()
        let (_, sink) = AsyncStream<ExecutionEvent>.makeStream()
        callbacks.open("a", executionArn: Self.arn, invocation: 1, sink: sink)
        callbacks.open("b", executionArn: Self.arn, invocation: 2, sink: sink)
        callbacks.close(executionArn: Self.arn, invocation: 1)
        #expect(await callbacks.fail("a", error: "E", cause: nil) == .notWaiting)
        // Nobody handles b's answer: the execution's end releases the sender (whether its answer got into the
        // stream before the end or found it finished).
        async let answer = callbacks.fail("b", error: "E", cause: nil)
        try? await Task.sleep(for: .milliseconds(50))
        sink.finish()
        callbacks.closeAll(executionArn: Self.arn)
        #expect([.delivered, .notWaiting].contains(await answer))
        #expect(await callbacks.heartbeat("b") == .notWaiting)
    }
}
