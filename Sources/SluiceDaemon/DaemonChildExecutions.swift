import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// The daemon's child executions for startExecution tasks: started as the API's StartExecution starts an execution
/// (ControlRequests' checks and answer, the hand-off recorded, then carried out), their ends heard through
/// ExecutionEndings.
struct DaemonChildExecutions: ChildExecutions {
    let runtime: DaemonRuntime

    func start(stateMachineArn: String, name: String, input: JSONValue, derived: Bool) async -> Result<
        ChildExecutionStart, ChildExecutionRefusal
    > {
        let machine = stateMachineArn.split(separator: ":").last.map(String.init) ?? stateMachineArn
        let executionArn =
            "arn:aws:states:\(runtime.settings.region):\(runtime.settings.account):execution:\(machine):\(name)"
        // A parent carried on after a restart asks again for the child it started: found, ended or not.
        if derived, let existing = try? runtime.store.database.execution(executionArn),
            (try? JSONParser.parse(existing.input)) == input
        {
            return .success(
                ChildExecutionStart(
                    executionArn: executionArn,
                    startMillis: Int64((existing.startDate * 1000).rounded()),
                    fresh: false
                )
            )
        }
        let handler = runtime.controlRequests
        var body = JSONObject()
        body["stateMachineArn"] = .string(stateMachineArn)
        body["name"] = .string(name)
        body["input"] = .string(input.serialized())
        let (answer, handoffs) = handler.answer(
            ControlRequest(id: 0, kind: "StartExecution", body: JSONValue.object(body).serialized())
        )
        if let code = answer["__type"]?.stringValue {
            return .failure(ChildExecutionRefusal(code: code, message: answer["message"]?.stringValue ?? ""))
        }
        do {
            runtime.handoffs.dispatch(try runtime.store.database.handOff(handoffs))
        } catch {
            return .failure(ChildExecutionRefusal(code: "InternalFailure", message: "cannot record it: \(error)"))
        }
        let startMillis = answer["startDate"]?.stringValue.flatMap(Timestamp.parse)?.epochMilliseconds
        return .success(
            ChildExecutionStart(
                executionArn: answer["executionArn"]?.stringValue ?? executionArn,
                startMillis: startMillis ?? runtime.clock.now().epochMilliseconds,
                fresh: !handoffs.isEmpty
            )
        )
    }

    /// Told through the parent's controls, as StopExecution is, so that it is journaled with its other events.
    func submitted(token: Int, output: JSONValue, parentArn: String) {
        _ = runtime.controls.send(.taskSubmitted(token: token, output: output), to: parentArn)
    }

    func end(of executionArn: String) async -> ExecutionRecord? {
        while !Task.isCancelled {
            await runtime.endings.wait(for: executionArn) { ended(executionArn) != nil }
            if let record = ended(executionArn) { return record }
        }
        return nil
    }

    /// The execution's record if it has ended.
    private func ended(_ executionArn: String) -> ExecutionRecord? {
        guard let record = try? runtime.store.database.execution(executionArn), record.status != .running else {
            return nil
        }
        return record
    }
}
