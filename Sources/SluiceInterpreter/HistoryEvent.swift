import SluiceASL
import SluiceJSON

/// One event of an execution's history, in AWS's shape (`TaskStateEntered`, `MapIterationStarted`, ...).
public struct HistoryEvent: Sendable, Hashable {
    public var id: Int
    public var previousEventId: Int
    public var timestamp: Timestamp
    public var type: String
    /// The `...EventDetails` object AWS attaches (name, input, output, error, cause, index...).
    public var details: JSONObject

    /// AWS's JSON for this event (as GetExecutionHistory returns it).
    public var json: JSONValue {
        var o = JSONObject()
        o["timestamp"] = .string(timestamp.iso8601())
        o["type"] = .string(type)
        o["id"] = .int(id)
        o["previousEventId"] = .int(previousEventId)
        if !details.isEmpty { o[Self.detailsKey(for: type)] = .object(details) }
        return .object(o)
    }

    static func detailsKey(for type: String) -> String {
        let lowered = type.prefix(1).lowercased() + type.dropFirst()
        if type.hasSuffix("StateEntered") { return "stateEnteredEventDetails" }
        if type.hasSuffix("StateExited") { return "stateExitedEventDetails" }
        return lowered + "EventDetails"
    }
}
