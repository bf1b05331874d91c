/// `StringMatches` patterns: `*` matches any run of characters (including none); `\*` is a literal asterisk and
/// `\\` a literal backslash. Every other character, including a backslash before anything else, stands for itself.
///
/// Matching works on Unicode scalars so that a pattern character never has to line up with a whole grapheme
/// cluster (in Swift "\r\n" is one Character, while Step Functions sees two).
struct StringMatcher: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case wildcard
    }

    let tokens: [Token]

    init(pattern: String) {
        var tokens: [Token] = []
        var scalars = pattern.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "*":
                // Consecutive wildcards match the same strings as one; collapsing them keeps matching linear.
                if tokens.last != .wildcard { tokens.append(.wildcard) }
            case "\\":
                if let escaped = pending, escaped == "*" || escaped == "\\" {
                    tokens.append(.literal(escaped))
                    pending = scalars.next()
                } else {
                    tokens.append(.literal(scalar))
                }
            default:
                tokens.append(.literal(scalar))
            }
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches the pattern.
    func matches(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        var t = 0
        var p = 0
        // The last wildcard seen and the text position it was tried at: on a mismatch the wildcard takes one
        // more character and matching resumes after it. Only the latest wildcard needs revisiting, because any
        // later fixed segment that matched once can be found again further right.
        var star: (token: Int, text: Int)?
        while t < chars.count {
            if p < tokens.count {
                switch tokens[p] {
                case .wildcard:
                    star = (p, t)
                    p += 1
                    continue
                case .literal(let c) where c == chars[t]:
                    p += 1
                    t += 1
                    continue
                case .literal:
                    break
                }
            }
            guard let last = star else { return false }
            star = (last.token, last.text + 1)
            p = last.token + 1
            t = last.text + 1
        }
        while p < tokens.count, tokens[p] == .wildcard { p += 1 }
        return p == tokens.count
    }
}
