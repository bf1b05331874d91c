import Foundation
import SluiceASL
import SluiceAWS
import SluiceEngine
import SluiceInterpreter
import SluiceJSON

/// TestState: one state run on its own, as AWS runs it (a Task invokes its function for real), answered with its
/// output or error and the state it would go to next.
extension StepFunctionsAPI {
    private static let tested = "TestState"

    func testState(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let stateText = try operation.required("definition")
        guard case .object(var state)? = try? JSONParser.parse(stateText) else {
            throw AWSError("InvalidDefinition", "Invalid State Machine Definition: 'the state is not a JSON object'")
        }
        // The state ends the test machine; where it would go next becomes a Succeed state of that name, so that
        // Choice and Catch targets exist and the one taken shows in the history.
        var targets = Set<String>()
        if let next = state["Next"]?.stringValue { targets.insert(next) }
        for choice in state["Choices"]?.arrayValue ?? [] {
            if let next = choice["Next"]?.stringValue { targets.insert(next) }
        }
        if let fallback = state["Default"]?.stringValue { targets.insert(fallback) }
        for catcher in state["Catch"]?.arrayValue ?? [] {
            if let next = catcher["Next"]?.stringValue { targets.insert(next) }
        }
        let type = state["Type"]?.stringValue ?? ""
        if state["Next"] != nil {
            state["Next"] = nil
            state["End"] = true
        }
        var states = JSONObject()
        states[Self.tested] = .object(state)
        for target in targets.sorted() where target != Self.tested { states[target] = ["Type": "Succeed"] }
        let machineText = JSONValue.object(["StartAt": .string(Self.tested), "States": .object(states)]).serialized()
        let machine: StateMachineDefinition
        switch DefinitionDecoder.decode(text: machineText) {
        case .success(let decoded): machine = decoded
        case .failure(let errors):
            let problems = errors.problems.map { "\($0.code): \($0.message)" }
            throw AWSError(
                "InvalidDefinition",
                "Invalid State Machine Definition: '\(problems.joined(separator: ", "))'"
            )
        }
        let inputText = operation.string("input") ?? "{}"
        guard let input = try? JSONParser.parse(inputText) else {
            throw AWSError("InvalidExecutionInput", "Invalid State Machine Execution Input: '\(inputText)'")
        }
        return await run(machine, input: input, type: type, targets: targets)
    }

    private func run(_ machine: StateMachineDefinition, input: JSONValue, type: String, targets: Set<String>) async
        -> JSONValue
    {
        var execution = Execution(
            definition: machine,
            context: ExecutionContext.make(
                stateMachineName: "TestState",
                executionName: UUID().uuidString.lowercased(),
                region: region,
                account: account,
                startTime: runtime.clock.now()
            ),
            input: input,
            seed: UInt64.random(in: 0...UInt64.max)
        )
        let outcome = await PipelineRunner.run(
            &execution,
            root: runtime.paths.root,
            host: runtime.hosts.host,
            maxWorkers: runtime.settings.maxWorkers,
            maintainWorkers: false,
            clock: runtime.clock
        )
        // The state entered after the tested one, if any: where it would have gone.
        let entered = execution.history.compactMap { event -> String? in
            guard event.type.hasSuffix("StateEntered"), case .object(let o) = event.json,
                let name = o["stateEnteredEventDetails"]?["name"]?.stringValue
            else { return nil }
            return name
        }
        let next = entered.last { $0 != Self.tested && targets.contains($0) }
        var o = JSONObject()
        switch outcome {
        case .succeeded(let output):
            o["status"] = next != nil && Self.caught(execution) ? "CAUGHT_ERROR" : "SUCCEEDED"
            o["output"] = .string(output.serialized())
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            o["status"] = "FAILED"
            if let error { o["error"] = .string(error) }
            if let cause { o["cause"] = .string(cause) }
        }
        if let next, type != "Succeed", type != "Fail" { o["nextState"] = .string(next) }
        return .object(o)
    }

    /// Whether the tested state failed and a Catch took the error.
    private static func caught(_ execution: Execution) -> Bool {
        execution.history.contains {
            $0.type == "TaskFailed" || $0.type.hasSuffix("Failed") && $0.type != "ExecutionFailed"
        }
    }
}
