import SluiceJSON

/// One element of a JSONPath Choice state's `Choices`: a rule, the state to go to when it matches, and the
/// variables to assign when it is the rule taken.
package struct Choice: Sendable, Hashable {
    package let rule: ChoiceRule
    package let next: String
    /// The rule's `Assign` object as written (its `.$` fields are evaluated when the rule is taken).
    package let assign: JSONValue?
    /// A JSONata rule's `Output` and `Assign`, used instead of the state's when this rule is taken.
    package var output: PayloadTemplate?
    package var jsonataAssign: PayloadTemplate?

    package init(rule: ChoiceRule, next: String, assign: JSONValue? = nil) {
        self.rule = rule
        self.next = next
        self.assign = assign
    }
}

extension Choice {
    /// Decodes one element of `Choices` at `location` (e.g. "/States/ChoiceState/Choices[0]"), appending every problem
    /// found to `problems`; nil when the element is unusable.
    package static func decode(_ json: JSONValue, location: String, problems: inout [DefinitionProblem]) -> Choice? {
        // The rule decoder checks Next and Assign of top-level rules, so their problems are reported once, there.
        let rule = ChoiceRule.decode(json, location: location, topLevel: true, problems: &problems)
        guard let rule, let next = json["Next"]?.stringValue else { return nil }
        let assign = json["Assign"]
        if let assign, assign.objectValue == nil { return nil }
        return Choice(rule: rule, next: next, assign: assign)
    }
}
