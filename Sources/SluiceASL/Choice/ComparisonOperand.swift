import SluiceJSON

/// The right-hand side of a comparison: a value written in the definition, or (for the `...Path` operators) a path
/// resolved against the input, context object or variables when the rule is evaluated.
package enum ComparisonOperand: Sendable, Hashable {
    case literal(JSONValue)
    case path(String)
}
