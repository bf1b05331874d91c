/// A rejected pattern, event, target or policy, with AWS's error code (`InvalidEventPatternException`,
/// `ValidationException`, `InvalidParameter`) and message.
package struct PatternError: Error, Hashable, Sendable, CustomStringConvertible {
    package var code: String
    package var message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}
