import SluiceJSON

/// One element of a state's `Catch` array.
public struct Catcher: Sendable, Hashable {
    public var errorEquals: [String]
    public var next: String
    public var resultPath: ResultPathField = .root
    /// JSONPath-language `Assign` (a template) evaluated against the error output.
    public var assign: JSONValue?
    /// JSONata-language `Output`.
    public var output: JSONValue?

    public init(errorEquals: [String], next: String) {
        self.errorEquals = errorEquals
        self.next = next
    }
}
