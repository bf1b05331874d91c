/// Field names refused inside `$or` (event-ruler reserves them for operators, present and future).
private let reservedInsideOr: Set<String> = [
    "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
    "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
    "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
]

/// Turns a pattern's token stream into branches of `path → alternatives`, checking it exactly as event-ruler's
/// `JsonRuleCompiler` does, in document order, with its messages.
///
/// Fields nest into dotted paths; `$or` forks every branch built so far into one copy per alternative object; a field
/// seen twice on the same path keeps its last list (AWS accepts duplicate keys that way).
struct EventPatternCompiler<Source: EventPatternTokenSource> {
    typealias Branch = [String: [EventValueMatcher]]

    /// More branches than this (nested `$or`s multiply) is refused rather than matched slowly.
    static var maximumBranches: Int { 10_000 }

    var source: Source
    private var path: [String] = []
    private var branches: [Branch] = []

    init(_ source: Source) {
        self.source = source
    }

    /// Compiles the whole pattern.
    mutating func compile() throws(PatternError) -> [Branch] {
        guard try source.next() == .startObject else { throw .invalidEventPattern("Filter is not an object") }
        try readObject(insideOr: false)
        return branches.isEmpty ? [[:]] : branches
    }

    private mutating func readObject(insideOr: Bool) throws(PatternError) {
        var sawField = false
        while true {
            let token = try source.next()
            if token == .endObject { break }
            guard case .fieldName(let name) = token else {
                throw .invalidEventPattern("Unexpected token \(token.text)")
            }
            sawField = true
            if name == "$or" {
                try readOr()
                continue
            }
            if insideOr, reservedInsideOr.contains(name) {
                throw .invalidEventPattern("\(name) is Ruler reserved fieldName which cannot be used inside $or.")
            }
            switch try source.next() {
            case .startObject:
                path.append(name)
                try readObject(insideOr: insideOr)
                path.removeLast()
            case .startArray:
                try readValues(for: (path + [name]).joined(separator: "."))
            default:
                throw .invalidEventPattern("\"\(name)\" must be an object or an array")
            }
        }
        if !sawField { throw .invalidEventPattern("Empty objects are not allowed") }
    }

    /// `"$or": [{...}, {...}, ...]`: each alternative extends a copy of every branch built so far.
    private mutating func readOr() throws(PatternError) {
        let before = branches
        var after: [Branch] = []
        guard try source.next() == .startArray else {
            throw .invalidEventPattern("It must be an Array followed with $or.")
        }
        var alternatives = 0
        while true {
            let token = try source.next()
            if token == .endArray { break }
            alternatives += 1
            guard token == .startObject else {
                throw .invalidEventPattern("Only JSON object is allowed in array of $or relationship.")
            }
            branches = before.isEmpty ? [[:]] : before
            try readObject(insideOr: true)
            after += branches
            if after.count > Self.maximumBranches { throw .invalidEventPattern(WildcardComplexity.tooComplex) }
        }
        if alternatives < 2 {
            throw .invalidEventPattern("There must have at least 2 Objects in $or relationship.")
        }
        branches = after
    }

    /// A field's list of alternatives, which replaces any earlier list for the same path in every branch.
    private mutating func readValues(for name: String) throws(PatternError) {
        var values: [EventValueMatcher] = []
        while true {
            let token = try source.next()
            switch token {
            case .endArray:
                guard !values.isEmpty else { throw .invalidEventPattern("Empty arrays are not allowed") }
                if branches.isEmpty { branches = [[:]] }
                for i in branches.indices { branches[i][name] = values }
                return
            case .startObject:
                values.append(try readMatchExpression())
            case .string(let string):
                // A string that is an IP address matches that address however the event writes it.
                if let address = IPRange(address: string) {
                    values.append(.address(address))
                } else {
                    values.append(.string(string))
                }
            case .number(let text):
                // Compared by value when it has a comparable form, and always as written as well.
                if let number = try? ComparableNumber(text: text) { values.append(.numericEquals(number)) }
                values.append(.number(Double(text) ?? .nan))
            case .bool(let flag):
                values.append(.bool(flag))
            case .null:
                values.append(.null)
            default:
                throw .invalidEventPattern("Match value must be String, number, true, false, or null")
            }
        }
    }
}
