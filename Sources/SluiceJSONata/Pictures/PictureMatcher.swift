/// Matches text against the sequence of patterns jsonata-js turns a date/time picture into (it builds one
/// anchored, case-insensitive regular expression with a group per part). Done by hand: each pattern offers its
/// possible match ends longest first, and the sequence backtracks, which is how the greedy regex behaves.
struct PictureMatcher {
    enum Pattern {
        /// Literal picture text (compared case-insensitively, as under the `i` flag).
        case literal([Unicode.Scalar])
        /// `[0-9]+` or `[0-9]{n}`, optionally followed by `(?:th|st|nd|rd)`.
        case digits(exactly: Int?, ordinal: Bool)
        /// `[a-zA-Z]+` (letter numbering and month/day/am-pm names).
        case letters
        /// `[MDCLXVI]+` (either case).
        case roman
        /// `(?:one|two|…|and|[\-, ])+`
        case words
        /// `(GMT)?[-+][0-9]+` with an optional `<separator>[0-9]+`.
        case timezone(gmt: Bool, separator: Unicode.Scalar?)
    }

    var patterns: [Pattern]

    /// The matched range of each pattern, or nil when the whole text does not match.
    func match(_ text: [Unicode.Scalar]) -> [Range<Int>]? {
        var search = Search(text: text)
        return matchRest(&search, patternIndex: 0, from: 0) ? search.captures : nil
    }

    /// The state of one match: the captures so far, and the (pattern, position) pairs already known to fail, so
    /// that backtracking stays polynomial where the regex jsonata-js builds can take exponential time.
    private struct Search {
        let text: [Unicode.Scalar]
        var captures: [Range<Int>] = []
        var failed: Set<Int> = []
    }

    private func matchRest(_ search: inout Search, patternIndex: Int, from start: Int) -> Bool {
        guard patternIndex < patterns.count else { return start == search.text.count }
        let key = patternIndex * (search.text.count + 1) + start
        if search.failed.contains(key) { return false }
        for end in Self.ends(of: patterns[patternIndex], in: search.text, from: start) {
            search.captures.append(start..<end)
            if matchRest(&search, patternIndex: patternIndex + 1, from: end) { return true }
            search.captures.removeLast()
        }
        search.failed.insert(key)
        return false
    }

    /// Where a match of `pattern` starting at `start` can end, most preferred (longest) first.
    private static func ends(of pattern: Pattern, in text: [Unicode.Scalar], from start: Int) -> [Int] {
        switch pattern {
        case .literal(let literal):
            return hasPrefix(text, literal, at: start) ? [start + literal.count] : []
        case .digits(let exactly, let ordinal):
            return digitEnds(text, from: start, exactly: exactly, ordinal: ordinal)
        case .letters:
            return runEnds(text, from: start) { isASCIILetter($0) }
        case .roman:
            return runEnds(text, from: start) { "MDCLXVImdclxvi".unicodeScalars.contains($0) }
        case .words:
            return wordEnds(text, from: start)
        case .timezone(let gmt, let separator):
            return timezoneEnds(text, from: start, gmt: gmt, separator: separator)
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Length of the run of characters satisfying `test` from `start`.
    private static func runLength(_ text: [Unicode.Scalar], from start: Int, _ test: (Unicode.Scalar) -> Bool) -> Int {
        var end = start
        while end < text.count, test(text[end]) { end += 1 }
        return end - start
    }

    /// `[class]+`: every non-empty prefix of the run, longest first.
    private static func runEnds(
        _ text: [Unicode.Scalar],
        from start: Int,
        _ test: (Unicode.Scalar) -> Bool
    ) -> [Int] {
        let length = runLength(text, from: start, test)
        return stride(from: start + length, to: start, by: -1).map { $0 }
    }

    private static func digitEnds(_ text: [Unicode.Scalar], from start: Int, exactly: Int?, ordinal: Bool) -> [Int] {
        let run = runLength(text, from: start, isDigit)
        var lengths = Array(stride(from: run, to: 0, by: -1))
        if let exactly { lengths = run >= exactly && exactly > 0 ? [exactly] : [] }
        let suffixes = ["th", "st", "nd", "rd"].map { Array($0.unicodeScalars) }
        return lengths.compactMap { length -> Int? in
            let end = start + length
            guard ordinal else { return end }
            return suffixes.contains { hasPrefix(text, $0, at: end) } ? end + 2 : nil
        }
    }

    /// The alternatives of jsonata-js's words regex, in its order.
    private static let wordAlternatives: [[Unicode.Scalar]] =
        (EnglishWords.vocabulary.map(\.word) + ["and", "-", ",", " "]).map { Array($0.unicodeScalars) }

    /// `(?:alternatives)+`: every position reachable by one or more alternatives, longest first.
    private static func wordEnds(_ text: [Unicode.Scalar], from start: Int) -> [Int] {
        var reachable = [Bool](repeating: false, count: text.count + 1)
        reachable[start] = true
        var ends: [Int] = []
        for position in start..<text.count where reachable[position] {
            for word in wordAlternatives where hasPrefix(text, word, at: position) {
                reachable[position + word.count] = true
            }
        }
        for position in (start + 1)..<(text.count + 1) where reachable[position] { ends.append(position) }
        return ends.reversed()
    }

    private static func timezoneEnds(
        _ text: [Unicode.Scalar],
        from start: Int,
        gmt: Bool,
        separator: Unicode.Scalar?
    ) -> [Int] {
        var position = start
        if gmt {
            guard hasPrefix(text, Array("GMT".unicodeScalars), at: position) else { return [] }
            position += 3
        }
        guard position < text.count, text[position] == "-" || text[position] == "+" else { return [] }
        position += 1
        let hours = runLength(text, from: position, isDigit)
        guard hours > 0 else { return [] }
        guard let separator else { return runEnds(text, from: position, isDigit) }
        // The hour digits cannot give any back: the separator is not a digit.
        position += hours
        guard hasPrefix(text, [separator], at: position) else { return [] }
        return runEnds(text, from: position + 1, isDigit)
    }

    /// Case-insensitive prefix test at `start` (the regex's `i` flag).
    static func hasPrefix(_ text: [Unicode.Scalar], _ prefix: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + prefix.count <= text.count else { return false }
        for (offset, scalar) in prefix.enumerated() where !sameIgnoringCase(text[start + offset], scalar) {
            return false
        }
        return true
    }

    private static func sameIgnoringCase(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if a == b { return true }
        if a.isASCII && b.isASCII { return a.value | 0x20 == b.value | 0x20 && isASCIILetter(a) }
        return a.properties.uppercaseMapping == b.properties.uppercaseMapping
    }
}
