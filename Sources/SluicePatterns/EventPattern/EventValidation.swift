import SluiceJSON

/// The checks TestEventPattern applies to its event before matching.
///
/// The event must be a JSON object carrying the envelope fields EventBridge requires; anything else is a
/// `ValidationException` ("Parameter Event is not valid."). AWS's documentation also lists `resources`, but
/// TestEventPattern accepts events without it.
package enum EventValidation {
    /// The envelope fields every tested event must have.
    package static let mandatoryFields = ["id", "account", "source", "time", "region", "detail-type"]

    /// Accepts an event that TestEventPattern would accept.
    package static func validate(_ event: JSONValue) throws(PatternError) {
        guard case .object(let object) = event, mandatoryFields.allSatisfy(object.contains) else {
            throw .invalidTestEvent
        }
    }

    /// Parses event text and validates it; text that is not JSON gets the same error.
    package static func event(text: String) throws(PatternError) -> JSONValue {
        let event: JSONValue
        do {
            event = try JSONParser.parse(text)
        } catch {
            throw .invalidTestEvent
        }
        try validate(event)
        return event
    }
}
