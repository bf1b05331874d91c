/// A field that AWS lets you give either literally or as a `...Path` into the state input
/// (`MaxConcurrency` / `MaxConcurrencyPath`, `Seconds` / `SecondsPath`, ...).
package enum ValueSource<Value: Sendable & Hashable>: Sendable, Hashable {
    case literal(Value)
    case path(String)
}
