/// One thing wrong with a configuration file (a rule, a subscription), with the file and the field it concerns.
public struct ConfigProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// A JSON-pointer-like location inside the file: `/Targets[0]/RetryPolicy/MaximumRetryAttempts`.
    public var location: String
    public var message: String

    public init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { "\(file): \(location.isEmpty ? "/" : location): \(message)" }
}
