/// Regex matches as jsonata-js represents them (`{match, start, end, groups, next}`), and the loop the string
/// functions run over any matcher function (a regex literal or a user's function returning that structure).
enum Matching {
    struct Step {
        var match: String
        var start: Int
        var end: Int
        var groups: [JV]
        var next: JV?
    }

    /// The match at or after `from` as jsonata-js's object; `budget` as `JSRegex.exec` takes it.
    static func matchObject(_ regex: JSRegex, _ text: [Unicode.Scalar], from: Int, position: Int?, budget: inout Int)
        -> JV?
    {
        guard let m = regex.exec(text, from: from, budget: &budget) else { return nil }
        let o = JObject()
        o["match"] = .string(slice(text, m.start, m.end))
        o["start"] = .number(Double(m.start))
        o["end"] = .number(Double(m.end))
        o["groups"] = .array(
            JArray(m.groups.map { g in g.map { .string(slice(text, $0.0, $0.1)) } ?? .string("") })
        )
        o["next"] = .function(
            JFunction(.matchNext(MatchCursor(regex: regex, text: text, from: m.end, position: position)))
        )
        return .object(o)
    }

    static func next(_ cursor: MatchCursor, budget: inout Int) throws(PendingError) -> JV? {
        if cursor.from >= cursor.text.count { return nil }
        let r = matchObject(cursor.regex, cursor.text, from: cursor.from, position: cursor.position, budget: &budget)
        if case .object(let o)? = r, case .string(let s)? = o["match"], s.isEmpty {
            throw PendingError("D1004", position: cursor.position, value: .string(cursor.regex.source))
        }
        return r
    }

    static func slice(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, text.count))
        let e = max(s, min(end, text.count))
        return String(String.UnicodeScalarView(text[s..<e]))
    }

    private static func step(_ v: JV?) throws(PendingError) -> Step? {
        guard let v else { return nil }
        guard case .object(let o) = v else { throw PendingError("T1010") }
        let start = o["start"]?.number
        let end = o["end"]?.number
        var groups: [JV] = []
        var hasGroups = false
        if case .array(let g)? = o["groups"] {
            groups = g.items
            hasGroups = true
        }
        let next = o["next"]
        if start == nil && end == nil && !hasGroups && !(next?.isFunction ?? false) {
            throw PendingError("T1010")
        }
        let match = o["match"]?.string ?? ""
        return Step(match: match, start: Int(start ?? 0), end: Int(end ?? 0), groups: groups, next: next)
    }

    static func first(_ ctx: CallContext, _ matcher: JV, _ text: String) throws(PendingError) -> Step? {
        let result = try ctx.evaluator.apply(matcher, [.string(text)], ctx.input, ctx.frame)
        return try step(result)
    }

    static func following(_ ctx: CallContext, _ current: Step) throws(PendingError) -> Step? {
        guard let next = current.next, next.isFunction else { return nil }
        return try step(try ctx.evaluator.apply(next, [], ctx.input, ctx.frame))
    }
}
