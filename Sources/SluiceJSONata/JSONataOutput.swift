import SluiceJSON

/// A result as jsonata-js's callers see it printed: JSON.stringify, numbers as JavaScript writes them
/// (`1e-7`, not `1e-07`).
package enum JSONataOutput {
    package static func text(_ value: JSONValue) -> String {
        JSONText.stringify(JSONConversion.toJV(value))
    }
}
