import SluiceASL
import SluiceInterpreter
import SluiceJSON

/// One event an execution handled, as its journal keeps it: enough to hand the interpreter the same event again
/// after a restart. Items read from an ItemReader are kept as a count, not the items: the object is read again, and
/// the read that opened it keeps the object's version, so a resumed run can tell when it is not the same object.
package enum JournalEntry: Sendable, Hashable {
    case event(ExecutionEvent)
    case itemsRead(token: Int, count: Int, exhausted: Bool, version: String? = nil)

    package init(_ event: ExecutionEvent) {
        if case .itemsRead(let token, let items, let exhausted, _, let version) = event {
            self = .itemsRead(token: token, count: items.count, exhausted: exhausted, version: version)
        } else {
            self = .event(event)
        }
    }

    /// The journal's JSON: a short kind under "e" and the event's fields.
    package var json: JSONValue {
        var o = JSONObject()
        func optional(_ key: String, _ value: String?) { if let value { o[key] = .string(value) } }
        switch self {
        case .itemsRead(let token, let count, let exhausted, let version):
            o["e"] = "itemsRead"
            o["t"] = .int(token)
            o["n"] = .int(count)
            o["x"] = .bool(exhausted)
            optional("v", version)
        case .event(let event):
            switch event {
            case .taskSucceeded(let token, let output):
                o["e"] = "taskSucceeded"
                o["t"] = .int(token)
                o["output"] = output
            case .taskFailed(let token, let error, let cause):
                o["e"] = "taskFailed"
                o["t"] = .int(token)
                optional("error", error)
                optional("cause", cause)
            case .taskHeartbeat(let token):
                o["e"] = "taskHeartbeat"
                o["t"] = .int(token)
            case .taskSubmitted(let token, let output):
                o["e"] = "taskSubmitted"
                o["t"] = .int(token)
                o["output"] = output
            case .timerFired(let token):
                o["e"] = "timerFired"
                o["t"] = .int(token)
            case .redrive:
                o["e"] = "redrive"
            case .stop(let error, let cause):
                o["e"] = "stop"
                optional("error", error)
                optional("cause", cause)
            case .itemsRead(let token, let items, let exhausted, _, let version):
                o["e"] = "itemsRead"
                o["t"] = .int(token)
                o["n"] = .int(items.count)
                o["x"] = .bool(exhausted)
                optional("v", version)
            case .itemReaderFailed(let token, let cause):
                o["e"] = "itemReaderFailed"
                o["t"] = .int(token)
                o["cause"] = .string(cause)
            case .resultsWritten(let token, let details):
                o["e"] = "resultsWritten"
                o["t"] = .int(token)
                o["details"] = details
            case .resultWriterFailed(let token, let cause):
                o["e"] = "resultWriterFailed"
                o["t"] = .int(token)
                o["cause"] = .string(cause)
            case .mapRunUpdated(let arn, let maxConcurrency, let count, let percentage):
                o["e"] = "mapRunUpdated"
                o["arn"] = .string(arn)
                if let maxConcurrency { o["maxConcurrency"] = .int(maxConcurrency) }
                if let count { o["toleratedFailureCount"] = .int(count) }
                if let percentage { o["toleratedFailurePercentage"] = .double(percentage) }
            }
        }
        return .object(o)
    }

    /// Reads an entry back; nil for text that is not one (a journal written by a newer sluice).
    package init?(json: JSONValue) {
        guard let kind = json["e"]?.stringValue else { return nil }
        let token = json["t"]?.intValue ?? -1
        let error = json["error"]?.stringValue
        let cause = json["cause"]?.stringValue
        switch kind {
        case "itemsRead":
            self = .itemsRead(
                token: token,
                count: json["n"]?.intValue ?? 0,
                exhausted: json["x"]?.boolValue ?? false,
                version: json["v"]?.stringValue
            )
        case "taskSucceeded": self = .event(.taskSucceeded(token: token, output: json["output"] ?? .null))
        case "taskFailed": self = .event(.taskFailed(token: token, error: error, cause: cause))
        case "taskHeartbeat": self = .event(.taskHeartbeat(token: token))
        case "taskSubmitted": self = .event(.taskSubmitted(token: token, output: json["output"] ?? .null))
        case "timerFired": self = .event(.timerFired(token: token))
        case "stop": self = .event(.stop(error: error, cause: cause))
        case "redrive": self = .event(.redrive)
        case "itemReaderFailed": self = .event(.itemReaderFailed(token: token, cause: cause ?? ""))
        case "resultsWritten": self = .event(.resultsWritten(token: token, details: json["details"] ?? .null))
        case "resultWriterFailed": self = .event(.resultWriterFailed(token: token, cause: cause ?? ""))
        case "mapRunUpdated":
            guard let arn = json["arn"]?.stringValue else { return nil }
            let percentage: Double? =
                switch json["toleratedFailurePercentage"] {
                case .double(let d)?: d
                case .int(let i)?: Double(i)
                default: nil
                }
            self = .event(
                .mapRunUpdated(
                    mapRunArn: arn,
                    maxConcurrency: json["maxConcurrency"]?.intValue,
                    toleratedFailureCount: json["toleratedFailureCount"]?.intValue,
                    toleratedFailurePercentage: percentage
                )
            )
        default: return nil
        }
    }
}
