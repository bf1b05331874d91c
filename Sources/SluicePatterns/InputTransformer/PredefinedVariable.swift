import SluiceJSON

/// The variables every input template may use without an `InputPathsMap` entry. Their names hold dots, which map
/// keys may not, so a map can never redefine them.
enum PredefinedVariable: String, CaseIterable, Sendable {
    case ruleArn = "aws.events.rule-arn"
    case ruleName = "aws.events.rule-name"
    case ingestionTime = "aws.events.event.ingestion-time"
    /// The event without `detail`, as recorded from AWS: `detail-type` spelled `detailType`, `time` the ingestion
    /// time.
    case event = "aws.events.event"
    /// The whole event.
    case eventJSON = "aws.events.event.json"

    /// The envelope fields in the order AWS writes them into `<aws.events.event>`.
    private static let envelopeOrder = [
        "id", "account", "detail-type", "time", "source", "region", "resources", "version",
    ]

    /// The variable's value for one delivery.
    func value(event: JSONValue, context: TargetContext) -> JSONValue {
        switch self {
        case .ruleArn: .string(context.ruleArn)
        case .ruleName: .string(context.ruleName)
        case .ingestionTime: .string(context.ingestionTime)
        case .event: Self.envelope(of: event, ingestionTime: context.ingestionTime)
        case .eventJSON: event
        }
    }

    private static func envelope(of event: JSONValue, ingestionTime: String) -> JSONValue {
        guard case .object(let fields) = event else { return event }
        var envelope = JSONObject()
        for key in envelopeOrder {
            guard let value = fields[key] else { continue }
            switch key {
            case "detail-type": envelope["detailType"] = value
            case "time": envelope["time"] = .string(ingestionTime)
            default: envelope[key] = value
            }
        }
        // Fields beyond the standard envelope (replay-name, ...) follow in the event's own order.
        for (key, value) in fields.entries where key != "detail" && !envelopeOrder.contains(key) {
            envelope[key] = value
        }
        return .object(envelope)
    }
}
