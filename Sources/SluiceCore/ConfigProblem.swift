/// One thing wrong with a configuration file (a rule, a subscription), with the file and the field it concerns.
package struct ConfigProblem: Error, Hashable, Sendable, CustomStringConvertible {
    package var file: String
    /// A JSON-pointer-like location inside the file: `/Targets[0]/RetryPolicy/MaximumRetryAttempts`.
    package var location: String
    package var message: String

    package init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    package var description: String { "\(file): \(location.isEmpty ? "/" : location): \(message)" }
}
