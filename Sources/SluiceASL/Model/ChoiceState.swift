/// Choice: picks the `Next` of the first rule that matches, else `Default`.
public struct ChoiceState: Sendable, Hashable {
    public var choices: [Choice]
    public var defaultNext: String?

    public init(choices: [Choice], defaultNext: String?) {
        self.choices = choices
        self.defaultNext = defaultNext
    }
}
