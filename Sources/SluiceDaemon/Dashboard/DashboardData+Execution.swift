import SluiceASL
import SluiceAWS
import SluiceEngine
import SluiceGraph
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// `execution`: DescribeExecution's answer, the state machine drawn with what happened in each state, the event
/// history (the first thousand events) and the execution's map runs.
extension DashboardData {
    static let eventsShown = 1000

    func execution(_ arn: String) throws(AWSError) -> JSONValue {
        let api = StepFunctionsAPI(runtime: runtime)
        var o = JSONObject()
        o["csrf"] = .string(csrf)
        if let child = try read({ try $0.childExecution(arn) }) {
            // A Distributed Map's child: its record is all sluice keeps (AWS keeps its history; sluice does not).
            o["describe"] = ChildExecutionDocument(row: child).description
            o["stateMachine"] = .string(Self.machineName(child.executionArn))
            o["graph"] = ""
            o["states"] = .object(JSONObject())
            o["events"] = []
            o["eventsTruncated"] = false
            o["mapRuns"] = []
            o["parentMapRunArn"] = .string(child.mapRunArn)
            return .object(o)
        }
        let record = try api.execution(arn)
        o["describe"] = ExecutionDocument(execution: record).description
        o["stateMachine"] = .string(Self.machineName(arn))
        var events = try read { try $0.history(arn) }
        if events.isEmpty, let running = runtime.histories.events(arn) {
            events = running.map { event in
                StoredHistoryEvent(
                    id: event.id,
                    type: event.type,
                    timestamp: Double(event.timestamp.epochMilliseconds) / 1000,
                    document: event.json.serialized()
                )
            }
        }
        o["eventsTruncated"] = .bool(events.count > Self.eventsShown)
        // Every event decides a state's colour (the last ones most), the page lists the first thousand.
        let all = events.map { stored -> JSONValue in
            var event = StepFunctionsAPI.event(stored, includeData: true).objectValue ?? JSONObject()
            event["timestamp"] = Self.iso(stored.timestamp)
            return .object(event)
        }
        o["events"] = .array(Array(all.prefix(Self.eventsShown)))
        let definition =
            try api.describeStateMachineForExecution(
                JSONOperation(name: "DescribeStateMachineForExecution", input: ["executionArn": .string(arn)])
            )["definition"]?.stringValue ?? ""
        let drawing = Self.graph(definition: definition, events: all)
        o["graph"] = .string(drawing.svg)
        o["states"] = .object(drawing.states)
        o["mapRuns"] = .array(
            try read { try $0.mapRuns(executionArn: arn) }.map {
                ["mapRunArn": .string($0.mapRunArn), "status": .string($0.status.rawValue)]
            }
        )
        return .object(o)
    }

    /// The state machine drawn as SVG, each state coloured by what the history says happened to it; nothing when
    /// the definition no longer decodes.
    static func graph(definition: String, events: [JSONValue]) -> (svg: String, states: JSONObject) {
        guard case .success(let machine) = DefinitionDecoder.decode(text: definition) else { return ("", JSONObject()) }
        let drawing = ExecutionGraph.draw(machine, history: events)
        var states = JSONObject()
        for (name, status) in drawing.statuses.sorted(by: { $0.key < $1.key }) {
            states[name] = .string(status.rawValue)
        }
        return (drawing.svg, states)
    }
}
