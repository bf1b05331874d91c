/// A pending `next()` of a regex match: matches again from where the last one ended.
struct MatchCursor {
    var regex: JSRegex
    var text: [Unicode.Scalar]
    var from: Int
    var position: Int?
}
