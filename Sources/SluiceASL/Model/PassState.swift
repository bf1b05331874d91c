import SluiceJSON

/// Pass: passes its input (or `Result`) to its output.
public struct PassState: Sendable, Hashable {
    public var result: JSONValue?
    public init() {}
}
