/// A field that AWS lets you give either literally or as a `...Path` into the state input
/// (`MaxConcurrency` / `MaxConcurrencyPath`, `Seconds` / `SecondsPath`, ...), or, in a JSONata state, as an
/// expression.
package enum ValueSource<Value: Sendable & Hashable>: Sendable, Hashable {
    case literal(Value)
    case path(String)
    /// A JSONata state's `{% %}` string in place of the literal.
    case query(JSONataQuery)
}
