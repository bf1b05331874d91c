/// One thing wrong with a definition, found before anything runs (AWS's ValidateStateMachineDefinition diagnostics).
package struct DefinitionProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// A short machine-readable code, e.g. `SCHEMA_VALIDATION_FAILED`, `INVALID_JSON_PATH`, `UNREACHABLE_STATE`.
    package var code: String
    /// Where the problem is, as a JSON pointer-like location: `/States/MyState/Retry[0]/ErrorEquals`.
    package var location: String
    /// What is wrong, in words a user can act on.
    package var message: String

    package init(code: String = "SCHEMA_VALIDATION_FAILED", location: String, message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    package var description: String { "\(location): \(message)" }
}
