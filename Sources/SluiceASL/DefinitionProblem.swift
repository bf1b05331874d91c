/// One thing wrong with a definition, found before anything runs (AWS's ValidateStateMachineDefinition diagnostics).
public struct DefinitionProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// A short machine-readable code, e.g. `SCHEMA_VALIDATION_FAILED`, `INVALID_JSON_PATH`, `UNREACHABLE_STATE`.
    public var code: String
    /// Where the problem is, as a JSON pointer-like location: `/States/MyState/Retry[0]/ErrorEquals`.
    public var location: String
    /// What is wrong, in words a user can act on.
    public var message: String

    public init(code: String = "SCHEMA_VALIDATION_FAILED", location: String, message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
