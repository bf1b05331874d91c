/// Choice: picks the `Next` of the first rule that matches, else `Default`.
package struct ChoiceState: Sendable, Hashable {
    package var choices: [Choice]
    package var defaultNext: String?

    package init(choices: [Choice], defaultNext: String?) {
        self.choices = choices
        self.defaultNext = defaultNext
    }
}
