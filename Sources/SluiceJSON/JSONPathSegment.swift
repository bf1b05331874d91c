/// One step of a parsed JSONPath, after the root.
///
/// The cases mirror Jayway JsonPath's path tokens because Step Functions evaluates paths with Jayway, and the
/// token kind decides the edge-case behaviour (what is skipped, what fails, what a deep scan matches).
enum JSONPathSegment: Sendable {
    /// `.name` or `['name']`.
    case name(String)
    /// `['a','b']`. As the last segment Jayway merges the present members into one object; elsewhere it
    /// visits each member in turn.
    case names([String])
    /// `[0]` or `[-1]` (negative counts from the end).
    case index(Int)
    /// `[0,2]`.
    case indices([Int])
    /// `[1:3]`, `[:2]`, `[-2:]`.
    case slice(JSONPathSlice)
    /// `.*` or `[*]`.
    case wildcard
    /// `..`: the segment that follows is applied at every depth.
    case deepScan
    /// `[?(...)]`.
    case filter(JSONPathFilter)
    /// `.length()`: the number of elements of an array or members of an object.
    case length

    /// Whether the segment alone selects at most one node, in Jayway's sense (`isTokenDefinite`).
    func isDefinite(isLast: Bool) -> Bool {
        switch self {
        case .name, .index, .length: true
        case .names: isLast
        case .indices, .slice, .wildcard, .deepScan, .filter: false
        }
    }

    /// The fragment Jayway prints for this token in normalized paths, e.g. `['a']`, `[0]`, `[*]`, `[?]`.
    var normalizedFragment: String {
        switch self {
        case .name(let n): "['\(n)']"
        case .names(let ns): "[" + ns.map { "'\($0)'" }.joined(separator: ",") + "]"
        case .index(let i): "[\(i)]"
        case .indices(let ii): "[" + ii.map(String.init).joined(separator: ",") + "]"
        case .slice(let s): s.description
        case .wildcard: "[*]"
        case .deepScan: ".."
        case .filter: "[?]"
        case .length: ".length()"
        }
    }
}
