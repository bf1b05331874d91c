import Foundation
import SluiceASL
import SluiceCore
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// What sluiced answers to the requests `sluice` commands leave in the store (StartExecution, StopExecution), in
/// the shapes of AWS's responses and errors (`{"__type", "message"}`), with the hand-offs an answer promises
/// (recorded with it).
struct ControlRequests {
    let region: String
    let account: String
    let machines: [String: StateMachineDefinition]
    let persisted: DaemonStore
    let controls: MapRunControls
    /// What start and stop dates are read from.
    let clock: WallClock
    /// Seconds after its stop that an unsuccessful execution can still be redriven (`RedriveRetentionDays`).
    let redriveWindow: Double
    let start: (StartRequest) -> Void

    func answer(_ request: ControlRequest) -> (JSONValue, [Handoff]) {
        guard let body = try? JSONParser.parse(request.body) else {
            return (Self.error("ValidationException", "the request is not JSON"), [])
        }
        switch request.kind {
        case "StartExecution": return startExecution(body)
        case "StopExecution": return (stopExecution(body), [])
        case "RedriveExecution": return (redriveExecution(body), [])
        default: return (Self.error("UnknownOperationException", "sluiced does not know \(request.kind)"), [])
        }
    }

    /// StartExecution, idempotent as AWS's is: the same name and input as a running (or starting) execution answers
    /// as that one's start did; a closed execution or another input is ExecutionAlreadyExists.
    private func startExecution(_ body: JSONValue) -> (JSONValue, [Handoff]) {
        // AWS names the field stateMachineArn; `sluice start-execution` writes stateMachine.
        let given = (body["stateMachineArn"] ?? body["stateMachine"])?.stringValue ?? ""
        // A name, or an ARN arn:aws:states:REGION:ACCOUNT:stateMachine:NAME.
        let name = given.hasPrefix("arn:") ? String(given.split(separator: ":").last ?? "") : given
        let arn = "arn:aws:states:\(region):\(account):stateMachine:\(name)"
        guard machines[name] != nil else {
            return (Self.error("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'"), [])
        }
        let inputText = body["input"]?.stringValue ?? "{}"
        guard let input = try? JSONParser.parse(inputText) else {
            return (Self.error("InvalidExecutionInput", "Invalid State Machine Execution Input: '\(inputText)'"), [])
        }
        let executionName = body["name"]?.stringValue ?? UUID().uuidString.lowercased()
        guard Self.isValidName(executionName) else {
            return (Self.error("InvalidName", "Invalid Name: '\(executionName)'"), [])
        }
        let executionArn = "arn:aws:states:\(region):\(account):execution:\(name):\(executionName)"
        let exists = Self.error("ExecutionAlreadyExists", "Execution Already Exists: '\(executionArn)'")
        if let existing = try? persisted.database.execution(executionArn) {
            guard existing.status == .running, (try? JSONParser.parse(existing.input)) == input else {
                return (exists, [])
            }
            let started = Timestamp(epochMilliseconds: Int64((existing.startDate * 1000).rounded()))
            return (Self.started(executionArn, at: started), [])
        }
        if let waiting = try? persisted.database.pendingHandoff(kind: .startExecution, subject: executionArn) {
            guard case .startExecution(let start)? = HandoffBody(waiting), start.input == input else {
                return (exists, [])
            }
            let started = Timestamp(epochMilliseconds: start.startMillis ?? waiting.createdMillis)
            return (Self.started(executionArn, at: started), [])
        }
        let now = clock.now()
        let handoff = HandoffBody.startExecution(
            StartExecutionHandoff(
                machine: name,
                name: executionName,
                input: input,
                rule: "(start-execution)",
                startMillis: now.epochMilliseconds
            )
        ).handoff(region: region, account: account, createdMillis: now.epochMilliseconds)
        return (Self.started(executionArn, at: now), [handoff])
    }

    private static func started(_ executionArn: String, at date: Timestamp) -> JSONValue {
        ["executionArn": .string(executionArn), "startDate": .string(date.iso8601())]
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
        return ["stopDate": .string(clock.now().iso8601())]
    }

    private func redriveExecution(_ body: JSONValue) -> JSONValue {
        let executionArn = body["executionArn"]?.stringValue ?? ""
        guard let record = try? persisted.database.execution(executionArn) else {
            return Self.error("ExecutionDoesNotExist", "Execution Does Not Exist: '\(executionArn)'")
        }
        guard record.status.isRedrivable else {
            return Self.error(
                "ExecutionNotRedrivable",
                "Execution with status \(record.status) cannot be redriven: '\(executionArn)'"
            )
        }
        let now = Double(clock.now().epochMilliseconds) / 1000
        if let stopped = record.stopDate, now - stopped > redriveWindow {
            return Self.error(
                "ExecutionNotRedrivable",
                "Execution redrivable period exceeded: '\(executionArn)'"
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
        var request = StartRequest(
            machine: stored.stateMachineName,
            input: (try? JSONParser.parse(record.input)) ?? .null,
            rule: "(redrive)"
        )
        request.resume = Resume(stored: stored, definition: definition, journal: journal, redrive: true)
        start(request)
        return ["redriveDate": .string(clock.now().iso8601())]
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
