import Foundation
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore

/// What sluiced answers to the requests `sluice` commands leave in the store (StartExecution, StopExecution), in
/// the shapes of AWS's responses and errors (`{"__type", "message"}`).
struct ControlRequests {
    let region: String
    let account: String
    let machines: [String: StateMachineDefinition]
    let persisted: DaemonStore
    let controls: MapRunControls
    let start: (Daemon.StartRequest) -> Void

    func answer(_ request: ControlRequest) -> JSONValue {
        guard let body = try? JSONParser.parse(request.body) else {
            return Self.error("ValidationException", "the request is not JSON")
        }
        switch request.kind {
        case "StartExecution": return startExecution(body)
        case "StopExecution": return stopExecution(body)
        case "RedriveExecution": return redriveExecution(body)
        default: return Self.error("UnknownOperationException", "sluiced does not know \(request.kind)")
        }
    }

    private func startExecution(_ body: JSONValue) -> JSONValue {
        let given = body["stateMachine"]?.stringValue ?? ""
        // A name, or an ARN arn:aws:states:REGION:ACCOUNT:stateMachine:NAME.
        let name = given.hasPrefix("arn:") ? String(given.split(separator: ":").last ?? "") : given
        let arn = "arn:aws:states:\(region):\(account):stateMachine:\(name)"
        guard machines[name] != nil else {
            return Self.error("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        }
        let inputText = body["input"]?.stringValue ?? "{}"
        guard let input = try? JSONParser.parse(inputText) else {
            return Self.error("InvalidExecutionInput", "Invalid State Machine Execution Input: '\(inputText)'")
        }
        let executionName = body["name"]?.stringValue ?? UUID().uuidString.lowercased()
        guard Self.isValidName(executionName) else {
            return Self.error("InvalidName", "Invalid Name: '\(executionName)'")
        }
        let executionArn = "arn:aws:states:\(region):\(account):execution:\(name):\(executionName)"
        if (try? persisted.database.execution(executionArn)) != nil {
            return Self.error("ExecutionAlreadyExists", "Execution Already Exists: '\(executionArn)'")
        }
        var request = Daemon.StartRequest(machine: name, input: input, key: nil, rule: "(start-execution)")
        request.name = executionName
        start(request)
        return ["executionArn": .string(executionArn), "startDate": .string(LocalRunner.now().iso8601())]
    }

    private func stopExecution(_ body: JSONValue) -> JSONValue {
        let executionArn = body["executionArn"]?.stringValue ?? ""
        guard (try? persisted.database.execution(executionArn)) != nil else {
            return Self.error("ExecutionDoesNotExist", "Execution Does Not Exist: '\(executionArn)'")
        }
        let stop = ExecutionEvent.stop(error: body["error"]?.stringValue, cause: body["cause"]?.stringValue)
        guard controls.send(stop, to: executionArn) else {
            return Self.error("ValidationException", "Execution is not running: '\(executionArn)'")
        }
        return ["stopDate": .string(LocalRunner.now().iso8601())]
    }

    private func redriveExecution(_ body: JSONValue) -> JSONValue {
        let executionArn = body["executionArn"]?.stringValue ?? ""
        guard let record = try? persisted.database.execution(executionArn) else {
            return Self.error("ExecutionDoesNotExist", "Execution Does Not Exist: '\(executionArn)'")
        }
        guard ["FAILED", "TIMED_OUT", "ABORTED"].contains(record.status) else {
            return Self.error(
                "ExecutionNotRedrivable",
                "Execution with status \(record.status) cannot be redriven: '\(executionArn)'"
            )
        }
        guard let stored = try? persisted.database.resumableExecution(executionArn),
            case .success(let definition) = DefinitionDecoder.decode(text: stored.definition),
            let journal = try? persisted.replayableJournal(executionArn), !journal.isEmpty
        else {
            return Self.error(
                "ExecutionNotRedrivable",
                "Execution cannot be redriven: its journal or definition is gone: '\(executionArn)'"
            )
        }
        do {
            try persisted.redriveStarted(record)
        } catch {
            return Self.error("InternalFailure", "cannot record the redrive: \(error)")
        }
        var request = Daemon.StartRequest(
            machine: stored.stateMachineName,
            input: (try? JSONParser.parse(record.input)) ?? .null,
            key: nil,
            rule: "(redrive)"
        )
        request.resume = Daemon.Resume(stored: stored, definition: definition, journal: journal, redrive: true)
        start(request)
        return ["redriveDate": .string(LocalRunner.now().iso8601())]
    }

    /// AWS's rules for execution names: 1 to 80 characters, none of whitespace, brackets, wildcards, special
    /// punctuation or control characters.
    static func isValidName(_ name: String) -> Bool {
        let forbidden = Set(" \t\n<>{}[]?*\"#%\\^|~`$&,;:/")
        return (1...80).contains(name.count)
            && !name.unicodeScalars.contains {
                forbidden.contains(Character($0)) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            }
    }

    static func error(_ type: String, _ message: String) -> JSONValue {
        ["__type": .string(type), "message": .string(message)]
    }
}
