/// A JSONPath as Step Functions evaluates it (the Jayway JsonPath dialect), parsed once and evaluated many times.
///
/// Supported: `$`, `.name`, `['name']` / `["name"]` (with escapes), `['a','b']`, `[0]`, `[-1]`, `[0,2]`, `[1:3]`,
/// `[:2]`, `[-2:]`, `.*` / `[*]`, `..` deep scan, filters `[?(...)]` (`== != === !== < <= > >= =~ in nin subsetof
/// anyof noneof contains all size empty`, `&& || !`, existence tests), and a trailing `.length()`.
///
/// Two values are equal when they were written the same way.
package struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    package let text: String

    /// The steps after the root, in order.
    let segments: [JSONPathSegment]

    /// Index of the first segment that can select more than one node; `segments.count` for a definite path.
    /// Jayway reports failures (missing members, wrong types) only for segments up to and including this one.
    let firstIndefinite: Int

    /// `$..x.length()`: Jayway rewrites this form into `length($..x[*])`, counting the children of all matches
    /// (so `$..book.length()` is the number of books). The `length` segment is then stored as a wildcard and the
    /// evaluation returns the number of matches.
    let countsMatches: Bool

    /// Whether the path starts at the document root (`$`) rather than the current filter item (`@`).
    let isRootRelative: Bool

    /// True when the path selects at most one node: only names, single indices and a trailing `length()`.
    ///
    /// Follows Jayway: a name union such as `$['a','b']` as the last step is definite too, because Jayway merges
    /// the selected members into a single object.
    package let isDefinite: Bool

    /// Jayway's normalized form, used in AWS error texts: `$['a']['b'][0]`, `$..['x']`, `$[*]`, `$[?]`.
    package let normalizedDescription: String

    /// Parses a JSONPath. It must start with `$`.
    package init(_ text: String) throws(JSONPathError) {
        self = try JSONPathParser.parsePath(text)
    }

    init(text: String, segments: [JSONPathSegment], normalizedDescription: String, isRootRelative: Bool) {
        self.text = text
        self.normalizedDescription = normalizedDescription
        self.isRootRelative = isRootRelative
        var segments = segments
        var countsMatches = false
        if segments.count > 1, case .deepScan = segments[0], case .length = segments[segments.count - 1] {
            segments[segments.count - 1] = .wildcard
            countsMatches = true
        }
        self.segments = segments
        self.countsMatches = countsMatches
        let last = segments.count - 1
        firstIndefinite =
            segments.indices.first { !segments[$0].isDefinite(isLast: $0 == last) } ?? segments.count
        isDefinite = countsMatches || firstIndefinite == segments.count
    }

    /// Evaluates the path against a document.
    ///
    /// A definite path returns the selected node, or nil when it does not exist (a missing member, an index out of
    /// range, a member of something that is not an object).
    ///
    /// An indefinite path returns an array of all matches in document order, `[]` when nothing matches, even when
    /// the definite part before the first wildcard, slice, union, filter or scan is missing (`$.missing[*]`):
    /// Step Functions answers `[]` there where plain Jayway would raise an error (recorded against AWS).
    package func evaluate(_ root: JSONValue) -> JSONValue? {
        let result = evaluate(root, root: root, requireProperties: false)
        if result == nil, !isDefinite { return .array([]) }
        return result
    }

    package var description: String { text }

    package static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }

    package func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
