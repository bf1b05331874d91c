import SluiceJSON

/// An EventBridge event pattern, compiled once and matched many times.
public struct EventPattern: Sendable {
    public init(_ pattern: JSONValue) throws(PatternError) {
        throw PatternError(code: "InvalidEventPatternException", message: "not implemented yet")
    }

    public func matches(_ event: JSONValue) -> Bool { false }
}
