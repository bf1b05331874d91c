/// A rejected pattern, event, target or policy, with AWS's error code (`InvalidEventPatternException`,
/// `ValidationException`, `InvalidParameter`) and message.
public struct PatternError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
