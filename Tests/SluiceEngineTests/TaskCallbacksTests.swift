import SluiceASL
import SluiceInterpreter
import SluiceJSON
import Synchronization
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

    private static func callbackExecution() throws -> Execution {
        let text = #"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"f","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """#
        guard case .success(let machine) = DefinitionDecoder.decode(text: text) else { throw TestDefinitionError() }
        return Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: LocalRunner.now()),
            input: [:],
            seed: 1
        )
    }

    @Test("A runner answers a callback Task with what comes back for its token, not the integration's result")
    func runner() async throws {
        let callbacks = TaskCallbacks()
        let asked = Mutex<String?>(nil)
        var runner = LocalRunner { invocation in
            asked.withLock { $0 = invocation.input["Payload"]?["token"]?.stringValue }
            return .success(["StatusCode": 200])
        }
        runner.callbacks = LocalRunner.Callbacks(registry: callbacks, executionArn: Self.arn)
        var execution = try Self.callbackExecution()
        let answering = Task {
            while true {
                if let token = asked.withLock({ $0 }), callbacks.isRunning(Self.arn),
                    await callbacks.succeed(token, output: ["yes": 1]) == .delivered
                {
                    return
                }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let outcome = await runner.run(&execution)
        try await answering.value
        #expect(outcome == .succeeded(["yes": 1]))
        #expect(execution.history.map(\.type).contains("TaskSubmitted"))
        #expect(!callbacks.isRunning(Self.arn))
    }

    @Test("Without a registry (sluice run) nothing could answer: the callback Task fails at once")
    func noRegistry() async throws {
        let runner = LocalRunner { _ in .success([:]) }
        var execution = try Self.callbackExecution()
        let outcome = await runner.run(&execution)
        guard case .failed(let error, _) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(error == StatesError.Name.runtime)
    }
}
