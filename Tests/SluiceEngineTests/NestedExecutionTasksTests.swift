import SluiceASL
import SluiceJSON
import SluiceStore
import SluiceVocabulary
import Synchronization
import Testing

@testable import SluiceEngine
@testable import SluiceInterpreter

/// Task states starting child executions (`arn:aws:states:::states:startExecution`, `.sync`, `.sync:2`) against
/// children a test decides.
struct NestedExecutionTasksTests {
    private let parent = "arn:aws:states:local:000000000000:execution:parent:p1"
    private let machine = "arn:aws:states:local:000000000000:stateMachine:child"

    private func invocation(_ suffix: String, _ parameters: JSONValue, token: Int = 7) -> TaskInvocation {
        TaskInvocation(
            token: token,
            resource: NestedExecutionTasks.resource + suffix,
            input: parameters,
            stateName: "Child"
        )
    }

    private func ended(_ status: ExecutionStatus, output: String? = nil, error: String? = nil) -> ExecutionRecord {
        ExecutionRecord(
            executionArn: "",
            stateMachineArn: machine,
            name: "",
            status: status,
            startDate: 1_795_755_662.123,
            stopDate: 1_795_755_663.5,
            input: #"{"n":1}"#,
            output: output,
            error: error,
            cause: error.map { "because \($0)" }
        )
    }

    @Test("startExecution answers StartExecution's result at once, the child named after the parent and the task")
    func fireAndForget() async throws {
        let children = FakeChildExecutions()
        let tasks = NestedExecutionTasks(children: children, executionArn: parent)
        let first = try #require(try await tasks.handle(invocation("", ["StateMachineArn": .string(machine)]))?.get())
        let again = try #require(try await tasks.handle(invocation("", ["StateMachineArn": .string(machine)]))?.get())
        let other = try #require(
            try await tasks.handle(invocation("", ["StateMachineArn": .string(machine)], token: 8))?.get()
        )
        let starts = children.starts.withLock { $0 }
        #expect(starts.count == 3)
        #expect(starts[0].derived && starts[0].input == [:])
        // The same task of the same parent (carried on after a restart) asks for the same child; another does not.
        #expect(starts[0].name == starts[1].name)
        #expect(starts[0].name != starts[2].name)
        #expect(
            first["ExecutionArn"]?.stringValue == "arn:aws:states:local:000000000000:execution:child:\(starts[0].name)"
        )
        #expect(first["ExecutionArn"] == again["ExecutionArn"])
        #expect(other["ExecutionArn"] != first["ExecutionArn"])
        #expect(first["StartDate"] == 1_795_755_662_123)
        #expect(first["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
        #expect(first.objectValue?.keys == ["ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate"])
        // Fire-and-forget ends with the start: no TaskSubmitted.
        #expect(children.submissions.withLock { $0 }.isEmpty)
    }

    @Test("Name and Input are passed on; an Input string is the input's JSON text")
    func nameAndInput() async throws {
        let children = FakeChildExecutions()
        let tasks = NestedExecutionTasks(children: children, executionArn: parent)
        _ = await tasks.handle(
            invocation("", ["StateMachineArn": .string(machine), "Name": "given", "Input": #"{"a": [1]}"#])
        )
        let bad = await tasks.handle(invocation("", ["StateMachineArn": .string(machine), "Input": "{nope"]))
        let start = try #require(children.starts.withLock { $0.first })
        #expect(start == .init(stateMachineArn: machine, name: "given", input: ["a": [1]], derived: false))
        guard case .failure(let error)? = bad else {
            Issue.record("expected a failure, got \(String(describing: bad))")
            return
        }
        #expect(error.name == "StepFunctions.InvalidExecutionInputException")
    }

    @Test(".sync answers DescribeExecution with Input and Output as JSON text, .sync:2 as JSON")
    func syncOutputs() async throws {
        let children = FakeChildExecutions(ending: ended(.succeeded, output: #"{"done":true}"#))
        let tasks = NestedExecutionTasks(children: children, executionArn: parent)
        let parameters: JSONValue = ["StateMachineArn": .string(machine), "Name": "c1", "Input": ["n": 1]]
        let sync = try #require(try await tasks.handle(invocation(".sync", parameters))?.get())
        let sync2 = try #require(try await tasks.handle(invocation(".sync:2", parameters))?.get())
        #expect(children.submissions.withLock { $0 } == [7, 7])
        #expect(sync["Output"] == #"{"done":true}"#)
        #expect(sync["Input"] == #"{"n":1}"#)
        #expect(sync2["Output"] == ["done": true])
        #expect(sync2["Input"] == ["n": 1])
        #expect(sync2["Status"] == "SUCCEEDED")
        #expect(sync2["ExecutionArn"] == "arn:aws:states:local:000000000000:execution:child:c1")
        #expect(sync2["StartDate"] == 1_795_755_662_123)
        #expect(sync2["StopDate"] == 1_795_755_663_500)
        #expect(
            sync.objectValue?.keys == [
                "ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "StartDate",
                "StateMachineArn", "Status", "StopDate",
            ]
        )
    }

    @Test("A child that fails fails the task with States.TaskFailed, the child's description as the cause")
    func failedChild() async throws {
        let children = FakeChildExecutions(ending: ended(.failed, error: "Child.Broke"))
        let tasks = NestedExecutionTasks(children: children, executionArn: parent)
        let result = await tasks.handle(invocation(".sync", ["StateMachineArn": .string(machine), "Name": "c2"]))
        guard case .failure(let error)? = result else {
            Issue.record("expected a failure, got \(String(describing: result))")
            return
        }
        #expect(error.name == "States.TaskFailed")
        let cause = try JSONParser.parse(try #require(error.cause))
        #expect(cause["Status"] == "FAILED")
        #expect(cause["Error"] == "Child.Broke")
        #expect(cause["Cause"] == "because Child.Broke")
        #expect(cause["Output"] == nil)
    }

    @Test("A refused StartExecution is StepFunctions.<Code>Exception; sluice run's is States.Runtime")
    func refusals() async throws {
        let refused = NestedExecutionTasks(
            children: FakeChildExecutions(
                refusal: ChildExecutionRefusal(
                    code: "StateMachineDoesNotExist",
                    message: "State Machine Does Not Exist"
                )
            ),
            executionArn: parent
        )
        let alone = NestedExecutionTasks(children: NoChildExecutions(), executionArn: parent)
        let parameters: JSONValue = ["StateMachineArn": .string(machine)]
        guard case .failure(let missing)? = await refused.handle(invocation(".sync:2", parameters)),
            case .failure(let runAlone)? = await alone.handle(invocation("", parameters))
        else {
            Issue.record("expected failures")
            return
        }
        #expect(missing.name == "StepFunctions.StateMachineDoesNotExistException")
        #expect(missing.cause?.hasPrefix("State Machine Does Not Exist (Service: AWSStepFunctions;") == true)
        #expect(runAlone.name == "States.Runtime")
        #expect(runAlone.cause?.contains("need sluiced") == true)
        #expect(await alone.handle(invocation(".waitForTaskToken", parameters)) == nil)
        #expect(
            await alone.handle(
                TaskInvocation(token: 1, resource: "arn:aws:states:::sns:publish", input: [:], stateName: "P")
            )
                == nil
        )
    }

    @Test("A parent's Catch takes a failed child's States.TaskFailed")
    func caughtInTheInterpreter() async throws {
        guard
            case .success(let definition) = DefinitionDecoder.decode(
                text: #"""
                    {"StartAt": "Child", "States": {
                      "Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                                "Parameters": {"StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:child",
                                               "Input.$": "$"},
                                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.caught", "Next": "Done"}],
                                "End": true},
                      "Done": {"Type": "Pass", "End": true}}}
                    """#
            )
        else { throw TestDefinitionError() }
        var execution = Execution(
            definition: definition,
            context: .make(stateMachineName: "parent", executionName: "p1", startTime: LocalRunner.now()),
            input: ["n": 1],
            seed: 1
        )
        let tasks = NestedExecutionTasks(
            children: FakeChildExecutions(ending: ended(.failed, error: "Child.Broke")),
            executionArn: execution.context.executionArn
        )
        let runner = LocalRunner { invocation in
            if let result = await tasks.handle(invocation) { return result }
            return await LocalRunner.unimplemented(invocation)
        }
        let outcome = await runner.run(&execution)
        guard case .succeeded(let output) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(output["caught"]?["Error"] == "States.TaskFailed")
        let cause = try JSONParser.parse(try #require(output["caught"]?["Cause"]?.stringValue))
        #expect(cause["Status"] == "FAILED")
        #expect(execution.history.contains { $0.type == "TaskFailed" })
    }
}
