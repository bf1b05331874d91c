import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// One event of an execution's history, in AWS's shape (`TaskStateEntered`, `MapIterationStarted`, ...).
package struct HistoryEvent: Sendable, Hashable {
    package var id: Int
    package var previousEventId: Int
    package var timestamp: Timestamp
    package var type: String
    package var details: HistoryDetails

    /// AWS's JSON for this event (as GetExecutionHistory returns it).
    package var json: JSONValue {
        var o = JSONObject()
        o["timestamp"] = .string(timestamp.iso8601())
        o["type"] = .string(type)
        o["id"] = .int(id)
        o["previousEventId"] = .int(previousEventId)
        let object = details.object
        if !object.isEmpty { o[Self.detailsKey(for: type)] = .object(object) }
        return .object(o)
    }

    static func detailsKey(for type: String) -> String {
        if type.hasSuffix("StateEntered") { return "stateEnteredEventDetails" }
        if type.hasSuffix("StateExited") { return "stateExitedEventDetails" }
        return type.prefix(1).lowercased() + type.dropFirst() + "EventDetails"
    }
}

/// The `...EventDetails` of a history event, kept in a compact form for the frequent kinds (entering and leaving
/// states, map iterations) and built into AWS's JSON only when someone reads it.
package enum HistoryDetails: Sendable, Hashable {
    case none
    case stateEntered(name: String, input: JSONValue)
    case stateExited(name: String, output: JSONValue)
    case mapIteration(name: String, index: Int)
    case object(JSONObject)
    /// `fields` plus `key` holding `payload` as a JSON string; the (possibly large) payload is serialized only when
    /// the event is read.
    case payload(JSONObject, key: String, payload: JSONValue)

    /// AWS's JSON form.
    package var object: JSONObject {
        switch self {
        case .none: return JSONObject()
        case .stateEntered(let name, let input): return ["name": .string(name), "input": .string(input.serialized())]
        case .stateExited(let name, let output): return ["name": .string(name), "output": .string(output.serialized())]
        case .mapIteration(let name, let index): return ["name": .string(name), "index": .int(index)]
        case .object(let o): return o
        case .payload(var o, let key, let payload):
            o[key] = .string(payload.serialized())
            return o
        }
    }
}
