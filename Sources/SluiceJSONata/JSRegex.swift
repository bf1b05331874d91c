/// A small backtracking engine for JavaScript regular expression syntax (what JSONata's `/.../flags` literals
/// use): classes, escapes, groups, alternation, greedy and lazy quantifiers, anchors, look-ahead,
/// back-references, and the flags `i` and `m`.
final class JSRegex: @unchecked Sendable {
    indirect enum RNode {
        case char(Unicode.Scalar)
        case any
        case set(CharSet)
        case lineStart
        case lineEnd
        case wordBoundary(Bool)
        case group(RNode, Int?)
        case alt([RNode])
        case seq([RNode])
        case repeatNode(RNode, min: Int, max: Int, greedy: Bool)
        case backref(Int)
        case look(RNode, negate: Bool)
        case lookBehind(RNode, negate: Bool)
    }

    struct CharSet {
        var negated = false
        var ranges: [(UInt32, UInt32)] = []
        var classes: [Character] = []  // d D w W s S

        func contains(_ c: Unicode.Scalar, ignoreCase: Bool) -> Bool {
            var hit = test(c)
            if !hit, ignoreCase {
                for alt in JSRegex.caseVariants(c) where test(alt) {
                    hit = true
                    break
                }
            }
            return hit != negated
        }

        private func test(_ c: Unicode.Scalar) -> Bool {
            for (lo, hi) in ranges where c.value >= lo && c.value <= hi { return true }
            for k in classes where JSRegex.classMatch(k, c) { return true }
            return false
        }
    }

    struct SyntaxError: Error {}

    let source: String
    let ignoreCase: Bool
    let multiline: Bool
    let root: RNode
    let groupCount: Int

    init(_ pattern: String, flags: String) throws(SyntaxError) {
        source = pattern
        ignoreCase = flags.contains("i")
        multiline = flags.contains("m")
        var p = RegexParser(Array(pattern.unicodeScalars))
        root = try p.parseAlternation()
        if p.i < p.s.count { throw SyntaxError() }
        groupCount = p.groups
    }

    static func classMatch(_ k: Character, _ c: Unicode.Scalar) -> Bool {
        switch k {
        case "d": return c.value >= 48 && c.value <= 57
        case "D": return !(c.value >= 48 && c.value <= 57)
        case "w": return isWord(c)
        case "W": return !isWord(c)
        case "s": return isSpace(c)
        case "S": return !isSpace(c)
        default: return false
        }
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 9, 10, 11, 12, 13, 32, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default: return false
        }
    }

    static func caseVariants(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        let lower = c.properties.lowercaseMapping.unicodeScalars
        let upper = c.properties.uppercaseMapping.unicodeScalars
        if lower.count == 1, let l = lower.first, l != c { out.append(l) }
        if upper.count == 1, let u = upper.first, u != c { out.append(u) }
        return out
    }

    /// The most steps one search may take: catastrophic backtracking ends as "no match" after them.
    static let searchBudget = 2_000_000

    /// The first match at or after `from`: its bounds and the groups (nil for a group that took no part).
    /// `budget` is the steps the search may take; it is left holding what remains, -1 when the search ran out.
    func exec(_ text: [Unicode.Scalar], from: Int, budget: inout Int) -> (
        start: Int, end: Int, groups: [(Int, Int)?]
    )? {
        var start = from
        let m = Matcher(regex: self, text: text, budget: budget)
        defer { budget = m.budget }
        while start <= text.count {
            m.captures = Array(repeating: nil, count: groupCount + 1)
            if let end = m.run(start) {
                return (start, end, Array(m.captures.dropFirst()))
            }
            if m.budget < 0 { return nil }
            start += 1
        }
        return nil
    }

    final class Matcher {
        let regex: JSRegex
        let text: [Unicode.Scalar]
        var captures: [(Int, Int)?] = []
        /// Bounds the work of one search (catastrophic backtracking ends as "no match").
        var budget: Int
        /// The recursion is bounded by the stack it uses (the engine runs on whatever thread the caller has).
        private let stackFloor: Int

        init(regex: JSRegex, text: [Unicode.Scalar], budget: Int) {
            self.regex = regex
            self.text = text
            self.budget = budget
            stackFloor = Evaluator.stackAddress() - 96 * 1024
        }

        func run(_ start: Int) -> Int? {
            var result: Int?
            _ = match(regex.root, start) { end in
                result = end
                return true
            }
            return result
        }

        private func equal(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
            if a == b { return true }
            guard regex.ignoreCase else { return false }
            return JSRegex.caseVariants(a).contains(b)
        }

        private func isLineTerminator(_ c: Unicode.Scalar) -> Bool {
            c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
        }

        /// Whether a single-character node matches at i (for the iterative loop over simple repeats).
        private func single(_ n: RNode, _ i: Int) -> Bool? {
            switch n {
            case .char(let c): return i < text.count && equal(text[i], c)
            case .any: return i < text.count && !isLineTerminator(text[i])
            case .set(let s): return i < text.count && s.contains(text[i], ignoreCase: regex.ignoreCase)
            default: return nil
            }
        }

        func match(_ n: RNode, _ i: Int, _ k: (Int) -> Bool) -> Bool {
            budget -= 1
            if budget < 0 || Evaluator.stackAddress() < stackFloor {
                budget = -1
                return false
            }
            switch n {
            case .char, .any, .set:
                return single(n, i) == true && k(i + 1)
            case .lineStart:
                if i == 0 || (regex.multiline && isLineTerminator(text[i - 1])) { return k(i) }
                return false
            case .lineEnd:
                if i == text.count || (regex.multiline && isLineTerminator(text[i])) { return k(i) }
                return false
            case .wordBoundary(let want):
                let a = i > 0 && JSRegex.isWord(text[i - 1])
                let b = i < text.count && JSRegex.isWord(text[i])
                return (a != b) == want && k(i)
            case .seq(let nodes):
                return matchSeq(nodes, 0, i, k)
            case .alt(let options):
                for o in options where match(o, i, k) { return true }
                return false
            case .group(let inner, let index):
                guard let index else { return match(inner, i, k) }
                let saved = captures[index]
                let ok = match(inner, i) { end in
                    let previous = self.captures[index]
                    self.captures[index] = (i, end)
                    if k(end) { return true }
                    self.captures[index] = previous
                    return false
                }
                if !ok { captures[index] = saved }
                return ok
            case .backref(let index):
                guard index < captures.count, let (s, e) = captures[index] else { return k(i) }
                let len = e - s
                guard i + len <= text.count else { return false }
                for j in 0..<len where !equal(text[i + j], text[s + j]) { return false }
                return k(i + len)
            case .look(let inner, let negate):
                return matchLookAhead(inner, negate, i, k)
            case .lookBehind(let inner, let negate):
                return matchLookBehind(inner, negate, i, k)
            case .repeatNode(let inner, let min, let max, let greedy):
                if single(inner, i) != nil {
                    var count = 0
                    while count < max, single(inner, i + count) == true { count += 1 }
                    if count < min { return false }
                    if greedy {
                        var c = count
                        while c >= min {
                            if k(i + c) { return true }
                            c -= 1
                        }
                    } else {
                        for c in min...count where k(i + c) { return true }
                    }
                    return false
                }
                return matchRepeat(inner, min, max, greedy, 0, i, k)
            }
        }

        /// `(?=...)` / `(?!...)`: whether `inner` matches here, consuming nothing.
        private func matchLookAhead(_ inner: RNode, _ negate: Bool, _ i: Int, _ k: (Int) -> Bool) -> Bool {
            let saved = captures
            let found = match(inner, i) { _ in true }
            if negate {
                captures = saved
                return !found && k(i)
            }
            if found, k(i) { return true }
            captures = saved
            return false
        }

        /// `(?<=...)` / `(?<!...)`: whether `inner` matches a stretch ending here.
        private func matchLookBehind(_ inner: RNode, _ negate: Bool, _ i: Int, _ k: (Int) -> Bool) -> Bool {
            let saved = captures
            var found = false
            var start = i
            while start >= 0, !found {
                found = match(inner, start) { end in end == i }
                start -= 1
            }
            if negate {
                captures = saved
                return !found && k(i)
            }
            if found, k(i) { return true }
            captures = saved
            return false
        }

        private func matchSeq(_ nodes: [RNode], _ idx: Int, _ i: Int, _ k: (Int) -> Bool) -> Bool {
            if idx == nodes.count { return k(i) }
            return match(nodes[idx], i) { j in self.matchSeq(nodes, idx + 1, j, k) }
        }

        private func matchRepeat(
            _ inner: RNode,
            _ min: Int,
            _ max: Int,
            _ greedy: Bool,
            _ count: Int,
            _ i: Int,
            _ k: (Int) -> Bool
        ) -> Bool {
            if count < min {
                return match(inner, i) { j in self.matchRepeat(inner, min, max, greedy, count + 1, j, k) }
            }
            if !greedy, k(i) { return true }
            if count < max {
                let ok = match(inner, i) { j in
                    j != i && self.matchRepeat(inner, min, max, greedy, count + 1, j, k)
                }
                if ok { return true }
            }
            return greedy && k(i)
        }
    }
}
