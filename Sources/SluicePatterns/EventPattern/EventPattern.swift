import SluiceJSON

/// An EventBridge event pattern, compiled once and matched many times.
///
/// Compiling checks the pattern the way EventBridge does (event-ruler's `JsonRuleCompiler`, read in document order,
/// plus the wildcard complexity limit) and fails with `InvalidEventPatternException` and AWS's reason. A compiled
/// pattern is a flat list of branches (one per `$or` combination), each a list of `dotted.path → alternatives`;
/// matching looks those paths up in the flattened event, keeping values from one array element together.
package struct EventPattern: Sendable {
    /// The longest pattern text TestEventPattern and PutRule accept.
    package static let maximumLength = 4096

    let branches: [EventPatternBranch]
    /// Every path the pattern reads and all their dotted prefixes, to flatten only what matters.
    private let prefixes: Set<String>

    /// Compiles and validates a parsed pattern document.
    package init(_ pattern: JSONValue) throws(PatternError) {
        var compiler = EventPatternCompiler(JSONValueTokenSource(pattern))
        try self.init(compiled: try compiler.compile())
    }

    /// Compiles and validates pattern text, reporting malformed JSON as AWS does. Duplicate keys are accepted (the
    /// last list for a field wins) and text after the pattern's closing brace is ignored, both as on AWS.
    package init(text: String) throws(PatternError) {
        if text.unicodeScalars.count > Self.maximumLength {
            throw PatternError(
                code: "ValidationException",
                message: "1 validation error detected: Value '\(text)' at 'eventPattern' failed to satisfy "
                    + "constraint: Member must have length less than or equal to \(Self.maximumLength)"
            )
        }
        var compiler = EventPatternCompiler(EventPatternTokenizer(text))
        try self.init(compiled: try compiler.compile())
    }

    private init(compiled: [[String: [EventValueMatcher]]]) throws(PatternError) {
        // event-ruler keeps one value matcher per field, shared by the branches, so what one branch asks of a
        // field's values (numbers as numbers, strings as addresses) applies to the others too.
        var numberPaths: Set<String> = []
        var addressPaths: Set<String> = []
        for branch in compiled {
            for (path, matchers) in branch {
                if matchers.contains(where: \.comparesNumbers) { numberPaths.insert(path) }
                if matchers.contains(where: \.comparesAddresses) { addressPaths.insert(path) }
            }
        }
        var branches: [EventPatternBranch] = []
        var distinct: Set<EventPatternBranch> = []
        var prefixes: Set<String> = []
        var scored: Set<[WildcardPattern]> = []
        for fields in compiled {
            var steps: [EventPatternField] = []
            for (path, matchers) in fields {
                let wildcards = matchers.compactMap { matcher -> WildcardPattern? in
                    if case .wildcard(let pattern) = matcher { return pattern }
                    return nil
                }
                if !wildcards.isEmpty, !scored.contains(wildcards) {
                    if WildcardComplexity.score(wildcards) > WildcardComplexity.limit {
                        throw .invalidEventPattern(WildcardComplexity.tooComplex)
                    }
                    // `$or` copies a field's list into many branches; one measurement is enough.
                    scored.insert(wildcards)
                }
                steps.append(
                    EventPatternField(
                        path: path,
                        matchers: matchers.filter { $0 != .absent },
                        allowsAbsence: matchers.contains(.absent),
                        convertsNumbers: numberPaths.contains(path),
                        convertsAddresses: addressPaths.contains(path)
                    )
                )
                var prefix: String?
                for part in path.split(separator: ".", omittingEmptySubsequences: false) {
                    let extended = prefix.map { $0 + "." + part } ?? String(part)
                    prefixes.insert(extended)
                    prefix = extended
                }
            }
            // Java compares strings by UTF-16 unit; event-ruler visits a rule's fields in that order.
            steps.sort { $0.path.utf16.lexicographicallyPrecedes($1.path.utf16) }
            let branch = EventPatternBranch(steps: steps)
            if distinct.insert(branch).inserted { branches.append(branch) }
        }
        self.branches = branches
        self.prefixes = prefixes
    }

    /// Whether the event matches. The event should be one TestEventPattern accepts (see `EventValidation`); other
    /// documents are matched as they are.
    package func matches(_ event: JSONValue) -> Bool {
        matches(FlattenedEvent(event, keeping: prefixes))
    }

    /// Whether an already flattened event matches: the fast path for one event against many patterns.
    package func matches(_ event: FlattenedEvent) -> Bool {
        for branch in branches where branch.matches(event) { return true }
        return false
    }

    /// event-ruler's `check()`: nil when the text is a valid pattern, otherwise why not.
    package static func check(text: String) -> PatternError? {
        do {
            _ = try EventPattern(text: text)
            return nil
        } catch {
            return error
        }
    }
}
