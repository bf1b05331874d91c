import SluiceJSON

/// One element of a state's `Catch` array.
package struct Catcher: Sendable, Hashable {
    package var errorEquals: [String]
    package var next: String
    package var resultPath: ResultPathField = .root
    /// JSONPath-language `Assign` (a template) evaluated against the error output.
    package var assign: JSONValue?
    /// JSONata `Output` and `Assign`, compiled.
    package var output: PayloadTemplate?
    package var jsonataAssign: PayloadTemplate?

    package init(errorEquals: [String], next: String) {
        self.errorEquals = errorEquals
        self.next = next
    }
}
