import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceEngine
@testable import SluiceWorkers

/// Task states invoking real worker processes, end to end through the interpreter.
@Suite(.serialized)
struct TaskStateTests {
    private func run(_ definition: String, input: JSONValue = [:], host: FunctionHost) async throws -> ExecutionOutcome
    {
        guard case .success(let machine) = DefinitionDecoder.decode(text: definition) else {
            throw TestDefinitionError()
        }
        var execution = Execution(
            definition: machine,
            context: .make(stateMachineName: "t", executionName: "e", startTime: LocalRunner.now()),
            input: input,
            seed: 1
        )
        let tasks = LambdaTasks(host: host)
        let runner = LocalRunner { invocation in
            if let result = await tasks.handle(invocation) { return result }
            return await LocalRunner.unimplemented(invocation)
        }
        return await runner.run(&execution)
    }

    @Test("lambda:invoke returns Lambda's envelope; a function ARN returns the result itself")
    func envelopeAndDirect() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function("double", script: "#!/bin/sh\nread -r p; echo \"{\\\"v\\\": $((p * 2))}\"\n")
        let host = f.host()
        let outcome = try await run(
            #"""
            {"StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                   "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:double:$LATEST","Payload.$":"$.n"},
                   "ResultPath":"$.a","Next":"B"},
              "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","InputPath":"$.a.Payload.v",
                   "ResultPath":"$.b","End":true}}}
            """#,
            input: ["n": 3],
            host: host
        )
        guard case .succeeded(let output) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(output["a"]?["StatusCode"] == 200)
        #expect(output["a"]?["ExecutedVersion"] == "$LATEST")
        #expect(output["a"]?["Payload"] == ["v": 6])
        #expect(output["b"] == ["v": 12])
    }

    @Test("A function's custom errorType is caught by a Catch, with Lambda's Cause JSON")
    func customErrorCaught() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "picky",
            script:
                "#!/bin/sh\necho '{\"errorType\":\"NotMyType\",\"errorMessage\":\"I only take strings\",\"stackTrace\":[\"line 1\"]}'; exit 1\n"
        )
        let outcome = try await run(
            #"""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"picky","Payload":1},
                   "Catch":[{"ErrorEquals":["NotMyType"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """#,
            host: f.host()
        )
        guard case .succeeded(let output) = outcome, case .string(let cause)? = output["error"]?["Cause"] else {
            Issue.record("expected the error to be caught, got \(outcome)")
            return
        }
        #expect(output["error"]?["Error"] == "NotMyType")
        let parsed = try JSONParser.parse(cause)
        #expect(parsed["errorMessage"] == "I only take strings")
        #expect(parsed["errorType"] == "NotMyType")
        #expect(parsed["stackTrace"] == ["line 1"])
        #expect(parsed["requestId"]?.stringValue?.isEmpty == false)
    }

    @Test("The Task's own TimeoutSeconds fails it with States.Timeout and stops the worker")
    func taskTimeout() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        let pidFile = f.file("pid")
        try f.function(
            "sleepy",
            script: "#!/bin/sh\necho $$ > \(pidFile)\nwhile read -r line; do sleep 30; done\n",
            #""Runtime": "persistent", "Timeout": 60"#
        )
        let started = ContinuousClock.now
        let outcome = try await run(
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"sleepy","TimeoutSeconds":1,"End":true}}}"#,
            host: f.host()
        )
        #expect(outcome == .failed(error: "States.Timeout", cause: nil))
        // The 1 s timeout, not the script's 30 s sleep (the bound leaves room for a stalled machine).
        #expect(ContinuousClock.now - started < .seconds(25))
        // The worker may have been stopped before its shell wrote the pid: then it is gone already.
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            try await eventually("the timed-out worker gone", within: .seconds(30)) { processIsGone(pid) }
        }
    }

    @Test("An unknown function fails like Lambda: Lambda.ResourceNotFoundException")
    func unknownFunction() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        let outcome = try await run(
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"ghost"},"End":true}}}"#,
            host: f.host()
        )
        guard case .failed(let error, let cause) = outcome else {
            Issue.record("expected failure")
            return
        }
        #expect(error == "Lambda.ResourceNotFoundException")
        #expect(cause?.contains("function:ghost") == true)
    }
}
