/// How one of an event's values looks to a field's matchers.
///
/// event-ruler rewrites a value before matching when the field's patterns call for it: when any of them compares
/// numbers, a number is replaced by its comparable form; otherwise, when any of them is an IP range, a string that is
/// an IP address is replaced by the address. The rewritten value no longer matches string or literal patterns, which
/// this view reproduces.
enum EventLeafView {
    case leaf(FlattenedEvent.Leaf)
    case comparable(ComparableNumber)
    case address([UInt8])
}
