/// The predicate of a filter segment `[?(...)]`, in Jayway JsonPath's filter language.
///
/// `&&` binds tighter than `||`; `!` negates a parenthesised expression, or, directly before a path with no operator
/// after it, turns the existence test into an absence test.
indirect enum JSONPathFilter: Sendable {
    case or(JSONPathFilter, JSONPathFilter)
    case and(JSONPathFilter, JSONPathFilter)
    case not(JSONPathFilter)
    /// `@.isbn` (expected true) or `!@.isbn` (expected false): whether the path selects something.
    case exists(JSONPath, expected: Bool)
    case compare(Operand, Operator, Operand)

    /// One side of a comparison.
    enum Operand: Sendable {
        /// `@...` (relative to the item being tested) or `$...` (relative to the document).
        case path(JSONPath)
        case literal(Value)
    }

    /// A value as Jayway's filter evaluator sees it: the JSON kinds plus "undefined" (a path that selected nothing)
    /// and regular expressions.
    enum Value: Sendable {
        case undefined
        case null
        case bool(Bool)
        /// A number, with its literal spelling when it was written in the filter (Jayway compares numbers with
        /// strings through their text, and a literal keeps its own: `1.50` stays `1.50`).
        case number(JSONValue, text: String?)
        case string(String)
        /// An array or object.
        case json(JSONValue)
        case pattern(Pattern)
    }

    /// The relational operators Jayway knows.
    enum Operator: String, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case strictEqual = "==="
        case strictNotEqual = "!=="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case matches = "=~"
        case `in` = "in"
        case notIn = "nin"
        case subsetOf = "subsetof"
        case anyOf = "anyof"
        case noneOf = "noneof"
        case contains = "contains"
        case all = "all"
        case size = "size"
        case empty = "empty"
    }

    /// A compiled regular expression for `=~`.
    ///
    /// A class because the standard library's `Regex` is not `Sendable`; it is immutable after construction and its
    /// lazily compiled program is initialised atomically, so sharing it across threads is safe.
    final class Pattern: @unchecked Sendable {
        /// The pattern as written between the slashes, with its flags.
        let source: String
        let regex: Regex<AnyRegexOutput>

        init(source: String, regex: Regex<AnyRegexOutput>) {
            self.source = source
            self.regex = regex
        }

        /// Whole-input match, as Java's `Matcher.matches()`.
        func matches(_ input: String) -> Bool {
            (try? regex.wholeMatch(in: input)) != nil
        }
    }
}
