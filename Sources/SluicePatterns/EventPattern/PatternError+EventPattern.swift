extension PatternError {
    /// AWS's prefix for every rejected pattern: `Event pattern is not valid. Reason: <reason>`.
    static func invalidEventPattern(_ reason: String) -> PatternError {
        PatternError(code: "InvalidEventPatternException", message: "Event pattern is not valid. Reason: " + reason)
    }

    /// TestEventPattern's answer for an event that is not JSON, not an object, or lacks a mandatory field.
    static let invalidTestEvent = PatternError(code: "ValidationException", message: "Parameter Event is not valid.")
}
