import SluiceASL
import SluiceJSON

/// Rule and subscription checks for `sluice validate` (filled in when the rule model lands).
enum ConfigValidation {
    static func check(_ document: JSONValue, file: String, isRule: Bool) -> [DefinitionProblem] { [] }
}
