/// A JSONPath Choice Rule: a Boolean expression over the state input, context object and variables.
///
/// Top-level rules of a Choice state also carry `Next` (and optionally `Assign`); those live in `Choice`, so this
/// type describes only the condition and is the same at every nesting level.
package indirect enum ChoiceRule: Sendable, Hashable {
    /// True when every rule is true; evaluated in order and stops at the first false one, so an earlier
    /// `IsPresent` check can guard a later comparison on the same path.
    case and([ChoiceRule])
    /// A JSONata rule's `Condition`: a `{% %}` expression (or a literal boolean) that must give a boolean.
    case condition(PayloadTemplate)
    /// True when any rule is true; evaluated in order and stops at the first true one.
    case or([ChoiceRule])
    case not(ChoiceRule)
    /// `Variable` compared with `operand` by `operator`.
    case comparison(variable: String, operator: ComparisonOperator, operand: ComparisonOperand)
}
