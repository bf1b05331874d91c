import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

/// TaskSubmitted: a `.sync` Task's job started (a child execution), recorded between TaskStarted and the task's end.
struct TaskSubmittedTests {
    @Test("TaskSubmitted is recorded with the start's answer while the task waits, and ignored after it ended")
    func recorded() throws {
        let machine = try Harness.definition(
            #"{"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true}}}"#
        )
        let start = Timestamp(epochMilliseconds: 1_700_000_000_000)
        var execution = Execution(
            definition: machine,
            context: .make(stateMachineName: "Test", executionName: "run-1", startTime: start),
            input: [:],
            seed: 42
        )
        let effects = execution.start()
        let invocation = try #require(
            effects.compactMap { effect -> TaskInvocation? in
                if case .invoke(let invocation) = effect { return invocation }
                return nil
            }.first
        )
        let answer: JSONValue = ["ExecutionArn": "arn:aws:states:local:000000000000:execution:child:c1"]
        _ = execution.handle(.taskSubmitted(token: invocation.token, output: answer), at: start)
        _ = execution.handle(.taskSucceeded(token: invocation.token, output: ["Status": "SUCCEEDED"]), at: start)
        _ = execution.handle(.taskSubmitted(token: invocation.token, output: answer), at: start)
        let types = execution.history.map(\.type)
        #expect(types.filter { $0 == "TaskSubmitted" }.count == 1)
        #expect(
            Array(types.drop { $0 != "TaskStarted" }.prefix(3)) == ["TaskStarted", "TaskSubmitted", "TaskSucceeded"]
        )
        let submitted = try #require(execution.history.first { $0.type == "TaskSubmitted" })
        let details = submitted.json["taskSubmittedEventDetails"]
        #expect(details?["resource"] == "arn:aws:states:::states:startExecution.sync:2")
        #expect(details?["output"]?.stringValue.flatMap { try? JSONParser.parse($0) } == answer)
    }
}
