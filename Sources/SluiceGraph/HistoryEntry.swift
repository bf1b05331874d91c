import SluiceJSON

/// What the status reading needs of one history event in AWS's JSON (GetExecutionHistory's shape): its type, and
/// from its details the state name (entered, exited, map iteration events) and the task resource.
struct HistoryEntry {
    var type: String
    var name: String?
    var resource: String?

    init?(_ event: JSONValue) {
        guard case .object(let object) = event, let type = object["type"]?.stringValue else { return nil }
        self.type = type
        var details: JSONObject?
        object.forEach { key, value in
            if details == nil, key.hasSuffix("EventDetails"), case .object(let d) = value { details = d }
        }
        name = details?["name"]?.stringValue
        resource = details?["resource"]?.stringValue
    }
}
