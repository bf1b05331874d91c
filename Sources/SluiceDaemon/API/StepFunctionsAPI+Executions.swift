import SluiceAWS
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// Executions: started, stopped and redriven as `sluice` commands do it (ControlRequests, the hand-offs recorded
/// with the answer), described and listed from sluice.db.
extension StepFunctionsAPI {
    func control(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let handler = runtime.controlRequests
        let (answer, handoffs) = handler.answer(
            ControlRequest(id: 0, kind: operation.name, body: operation.input.serialized())
        )
        if let type = answer["__type"]?.stringValue {
            throw AWSError(type, answer["message"]?.stringValue ?? "")
        }
        if !handoffs.isEmpty {
            do {
                runtime.handoffs.dispatch(try runtime.store.database.handOff(handoffs))
            } catch {
                throw AWSError.internalFailure("cannot record \(operation.name): \(error)")
            }
        }
        return Self.datesAsSeconds(answer)
    }

    func describeExecution(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let arn = try operation.required("executionArn")
        if let child = try read({ try $0.childExecution(arn) }) {
            return ChildExecutionDocument(row: child).description
        }
        let record = try execution(arn)
        return ExecutionDocument(execution: record, dates: .epochSeconds).description
    }

    func listExecutions(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        var status: ExecutionStatus?
        if let filter = operation.string("statusFilter") {
            guard let known = ExecutionStatus(rawValue: filter) else {
                throw AWSError.validation(
                    "1 validation error detected: Value '\(filter)' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]"
                )
            }
            status = known
        }
        var records: [ExecutionRecord] = []
        if let machineArn = operation.string("stateMachineArn") {
            let name = try Self.name(fromArn: machineArn, kind: "stateMachine")
            guard runtime.config.current.machines[name] != nil else {
                throw AWSError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(machineArn)'")
            }
            records = try read { try $0.executions(status: status, stateMachineArn: stateMachineArn(name)) }
            if status == nil || status == .running {
                let known = Set(records.map(\.executionArn))
                let starting = try startingExecutions(of: name).filter { !known.contains($0.executionArn) }
                records = (starting + records).sorted { $0.startDate > $1.startDate }
            }
        } else if let mapRunArn = operation.string("mapRunArn") {
            guard try read({ try $0.mapRun(mapRunArn) }) != nil else {
                throw AWSError("ResourceNotFound", "Resource not found: '\(mapRunArn)'")
            }
            let children = try read { try $0.childExecutions(mapRunArn: mapRunArn) }
                .filter { status == nil || $0.status == status }
            let page = try Page.of(children, operation)
            var o = JSONObject()
            o["executions"] = .array(page.items.map { ChildExecutionDocument(row: $0).listEntry })
            if let token = page.nextToken { o["nextToken"] = .string(token) }
            return .object(o)
        } else {
            throw AWSError.validation("Must provide a StateMachine ARN or MapRun ARN")
        }
        let page = try Page.of(records, operation)
        var o = JSONObject()
        o["executions"] = .array(page.items.map { ExecutionDocument(execution: $0, dates: .epochSeconds).listEntry })
        if let token = page.nextToken { o["nextToken"] = .string(token) }
        return .object(o)
    }

    func executionHistory(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let arn = try operation.required("executionArn")
        _ = try execution(arn)
        let includeData = operation.bool("includeExecutionData") ?? true
        // An ended execution's history is in sluice.db; a running one's is what its runner last handed over.
        var events = try read { try $0.history(arn) }.map { Self.event($0, includeData: includeData) }
        if events.isEmpty, let running = runtime.histories.events(arn) {
            events = running.map { event in
                Self.event(
                    StoredHistoryEvent(
                        id: event.id,
                        type: event.type,
                        timestamp: Double(event.timestamp.epochMilliseconds) / 1000,
                        document: event.json.serialized()
                    ),
                    includeData: includeData
                )
            }
        }
        if operation.bool("reverseOrder") == true { events.reverse() }
        let page = try Page.of(events, operation)
        var o = JSONObject()
        o["events"] = .array(Array(page.items))
        if let token = page.nextToken { o["nextToken"] = .string(token) }
        return .object(o)
    }

    /// An execution the store has, or one StartExecution answered for and ExecutionsService has not recorded yet
    /// (RUNNING, as AWS shows an execution from its first answer), or AWS's ExecutionDoesNotExist.
    func execution(_ arn: String) throws(AWSError) -> ExecutionRecord {
        _ = try Self.name(fromArn: arn, kind: "execution")
        if let record = try read({ try $0.execution(arn) }) { return record }
        let waiting = try read { try $0.pendingHandoff(kind: .startExecution, subject: arn) }
        if let waiting, let starting = starting(waiting) { return starting }
        // Recorded between the two reads: the hand-off goes in the transaction that records the execution.
        if let record = try read({ try $0.execution(arn) }) { return record }
        throw AWSError("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
    }

    /// The executions of `machine` that StartExecution answered for and that are not recorded yet.
    func startingExecutions(of machine: String) throws(AWSError) -> [ExecutionRecord] {
        try read { try $0.pendingHandoffs() }.filter { $0.kind == .startExecution }.compactMap(starting)
            .filter { $0.stateMachineArn == stateMachineArn(machine) }
    }

    private func starting(_ handoff: Handoff) -> ExecutionRecord? {
        guard case .startExecution(let start)? = HandoffBody(handoff) else { return nil }
        return ExecutionRecord(
            executionArn: handoff.subject,
            stateMachineArn: stateMachineArn(start.machine),
            name: start.name,
            status: .running,
            startDate: Double(start.startMillis ?? handoff.createdMillis) / 1000,
            input: start.input.serialized()
        )
    }

    /// A store read, its failure an InternalFailure.
    func read<T>(_ body: (SluiceDatabase) throws -> T) throws(AWSError) -> T {
        do {
            return try body(runtime.store.database)
        } catch {
            throw AWSError.internalFailure("cannot read sluice.db: \(error)")
        }
    }

    /// A stored history event with its timestamp in epoch seconds, as the wire carries it; without its input and
    /// output when the caller asked for no execution data.
    static func event(_ stored: StoredHistoryEvent, includeData: Bool) -> JSONValue {
        guard case .object(var o)? = try? JSONParser.parse(stored.document) else { return .null }
        o["timestamp"] = DocumentDates.epochSeconds.value(stored.timestamp)
        if !includeData {
            for (key, details) in o.entries where key.hasSuffix("EventDetails") {
                guard case .object(var d) = details else { continue }
                d["input"] = nil
                d["output"] = nil
                o[key] = .object(d)
            }
        }
        return .object(o)
    }

    /// ControlRequests' answers carry ISO dates (what `sluice` prints); the wire carries epoch seconds.
    static func datesAsSeconds(_ answer: JSONValue) -> JSONValue {
        guard case .object(var o) = answer else { return answer }
        for key in ["startDate", "stopDate", "redriveDate"] {
            if let text = o[key]?.stringValue, let time = Timestamp.parse(text) {
                o[key] = .double(Double(time.epochMilliseconds) / 1000)
            }
        }
        return .object(o)
    }
}
