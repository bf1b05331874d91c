/// Parses JavaScript regular expression syntax into `JSRegex.RNode`s.
struct RegexParser {
    typealias RNode = JSRegex.RNode
    let s: [Unicode.Scalar]
    var i = 0
    var groups = 0
    /// Groups open where the parser is. Each is a level of this parser's recursion and of the matcher's, so a
    /// pattern of 30,000 nested groups overflowed the stack (found with the fuzz targets); deeper than
    /// `maximumGroupNesting` is refused.
    private var depth = 0
    static let maximumGroupNesting = 256

    init(_ s: [Unicode.Scalar]) {
        self.s = s
    }

    private var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    mutating func parseAlternation() throws(JSRegex.SyntaxError) -> RNode {
        var options = [try parseSequence()]
        while peek == "|" {
            i += 1
            options.append(try parseSequence())
        }
        return options.count == 1 ? options[0] : .alt(options)
    }

    private mutating func parseSequence() throws(JSRegex.SyntaxError) -> RNode {
        var items: [RNode] = []
        while let c = peek, c != "|", c != ")" {
            var atom = try parseAtom()
            atom = try parseQuantifier(atom)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .seq(items)
    }

    private mutating func parseQuantifier(_ atom: RNode) throws(JSRegex.SyntaxError) -> RNode {
        guard let c = peek else { return atom }
        var min = 0
        var max = Int.max
        switch c {
        case "*": i += 1
        case "+":
            min = 1
            i += 1
        case "?":
            max = 1
            i += 1
        case "{":
            let save = i
            i += 1
            guard let lo = readInt() else {
                i = save
                return atom
            }
            min = lo
            max = lo
            if peek == "," {
                i += 1
                max = readInt() ?? Int.max
            }
            guard peek == "}" else {
                i = save
                return atom
            }
            i += 1
        default:
            return atom
        }
        var greedy = true
        if peek == "?" {
            greedy = false
            i += 1
        }
        return .repeatNode(atom, min: min, max: max, greedy: greedy)
    }

    private mutating func readInt() -> Int? {
        var v = 0
        var any = false
        while let c = peek, c.value >= 48, c.value <= 57 {
            v = v * 10 + Int(c.value - 48)
            any = true
            i += 1
        }
        return any ? v : nil
    }

    private mutating func parseAtom() throws(JSRegex.SyntaxError) -> RNode {
        let c = s[i]
        i += 1
        switch c {
        case ".": return .any
        case "^": return .lineStart
        case "$": return .lineEnd
        case "(":
            var index: Int?
            var look: Bool?
            var behind = false
            if peek == "?" {
                i += 1
                switch peek {
                case ":": i += 1
                case "<" where i + 1 < s.count && (s[i + 1] == "=" || s[i + 1] == "!"):
                    behind = true
                    look = s[i + 1] == "!"
                    i += 2
                case "<":
                    // A named group: captured and numbered like any other.
                    while i < s.count, s[i] != ">" { i += 1 }
                    guard i < s.count else { throw JSRegex.SyntaxError() }
                    i += 1
                    groups += 1
                    index = groups
                case "=":
                    i += 1
                    look = false
                case "!":
                    i += 1
                    look = true
                default: throw JSRegex.SyntaxError()
                }
            } else {
                groups += 1
                index = groups
            }
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumGroupNesting else { throw JSRegex.SyntaxError() }
            let inner = try parseAlternation()
            guard peek == ")" else { throw JSRegex.SyntaxError() }
            i += 1
            if let negate = look { return behind ? .lookBehind(inner, negate: negate) : .look(inner, negate: negate) }
            return .group(inner, index)
        case "[": return .set(try parseClass())
        case "\\": return try parseEscape(inClass: false)
        default: return .char(c)
        }
    }

    private mutating func parseClass() throws(JSRegex.SyntaxError) -> JSRegex.CharSet {
        var set = JSRegex.CharSet()
        if peek == "^" {
            set.negated = true
            i += 1
        }
        var first = true
        while let c = peek, c != "]" || first {
            first = false
            var lo: UInt32
            i += 1
            if c == "\\" {
                switch try parseEscape(inClass: true) {
                case .char(let e): lo = e.value
                case .set(let inner):
                    set.classes += inner.classes
                    continue
                default: continue
                }
            } else {
                lo = c.value
            }
            if peek == "-", i + 1 < s.count, s[i + 1] != "]" {
                i += 1
                var hi = s[i].value
                i += 1
                if s[i - 1] == "\\", case .char(let e) = try parseEscape(inClass: true) { hi = e.value }
                set.ranges.append((lo, hi))
            } else {
                set.ranges.append((lo, lo))
            }
        }
        guard peek == "]" else { throw JSRegex.SyntaxError() }
        i += 1
        return set
    }

    private mutating func hex(_ n: Int) -> UInt32? {
        guard i + n <= s.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<n {
            guard let d = UInt32(String(s[i + k]), radix: 16) else { return nil }
            v = v * 16 + d
        }
        i += n
        return v
    }

    private mutating func parseEscape(inClass: Bool) throws(JSRegex.SyntaxError) -> RNode {
        guard let c = peek else { return .char("\\") }
        i += 1
        switch c {
        case "d", "D", "w", "W", "s", "S":
            var set = JSRegex.CharSet()
            set.classes = [Character(c)]
            return .set(set)
        case "b": return inClass ? .char("\u{08}") : .wordBoundary(true)
        case "B": return .wordBoundary(false)
        case "n": return .char("\n")
        case "r": return .char("\r")
        case "t": return .char("\t")
        case "f": return .char("\u{0C}")
        case "v": return .char("\u{0B}")
        case "0": return .char("\u{0}")
        case "x":
            if let v = hex(2), let u = Unicode.Scalar(v) { return .char(u) }
            return .char("x")
        case "u":
            if let v = hex(4), let u = Unicode.Scalar(v) { return .char(u) }
            return .char("u")
        case "1"..."9":
            var n = Int(c.value - 48)
            while let d = peek, d.value >= 48, d.value <= 57 {
                n = n * 10 + Int(d.value - 48)
                i += 1
            }
            return .backref(n)
        default:
            return .char(c)
        }
    }
}
