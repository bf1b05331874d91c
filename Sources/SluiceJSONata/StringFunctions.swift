/// $string, $substring, $pad, $split, $replace and the other string functions.
enum StringFunctions {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
    static func str(_ s: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(s)) }

    /// JavaScript's slice index: truncated, negative counts from the end, clamped.
    static func sliceIndex(_ d: Double, _ count: Int) -> Int {
        if d.isNaN { return 0 }
        let t = d < 0 ? -((-d).rounded(.down)) : d.rounded(.down)
        if t < 0 { return max(0, count + Int(max(t, -1e15))) }
        return min(count, Int(min(t, 1e15)))
    }

    nonisolated(unsafe) static let all: [(String, String?, Int, Library.Body)] = [
        (
            "string", "<x-b?:s>", 1,
            { _, a throws(PendingError) in
                guard let v = a[arg: 0] else { return nil }
                return .string(try Builtins.string(v, prettify: Builtins.boolean(a[arg: 1]) == true))
            }
        ),
        (
            "substring", "<s-nn?:s>", 3,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                let chars = scalars(s)
                var start = a[arg: 1]?.number ?? 0
                let n = chars.count
                if Double(n) + start < 0 { start = 0 }
                if let length = a[arg: 2]?.number {
                    if length <= 0 { return .string("") }
                    let end = start >= 0 ? start + length : Double(n) + start + length
                    let i = sliceIndex(start, n)
                    let j = sliceIndex(end, n)
                    return .string(i < j ? str(chars[i..<j]) : "")
                }
                let i = sliceIndex(start, n)
                return .string(str(chars[i...]))
            }
        ),
        (
            "substringBefore", "<s-s:s>", 2,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                guard case .string(let chars)? = a[arg: 1], let r = find(s, chars) else { return a[arg: 0] }
                return .string(String(s[..<r.lowerBound]))
            }
        ),
        (
            "substringAfter", "<s-s:s>", 2,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                guard case .string(let chars)? = a[arg: 1], let r = find(s, chars) else { return a[arg: 0] }
                return .string(String(s[r.upperBound...]))
            }
        ),
        (
            "lowercase", "<s-:s>", 1,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                return .string(s.lowercased())
            }
        ),
        (
            "uppercase", "<s-:s>", 1,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                return .string(s.uppercased())
            }
        ),
        (
            "length", "<s-:n>", 1,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                return .number(Double(s.unicodeScalars.count))
            }
        ),
        (
            "trim", "<s-:s>", 1,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                var out = String.UnicodeScalarView()
                var inSpace = false
                for c in s.unicodeScalars {
                    if c == " " || c == "\t" || c == "\n" || c == "\r" {
                        if !inSpace { out.append(" ") }
                        inSpace = true
                    } else {
                        out.append(c)
                        inSpace = false
                    }
                }
                var r = String(out)
                if r.hasPrefix(" ") { r.removeFirst() }
                if r.hasSuffix(" ") { r.removeLast() }
                return .string(r)
            }
        ),
        (
            "pad", "<s-ns?:s>", 3,
            { ctx, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                let width = a[arg: 1]?.number ?? 0
                var ch = a[arg: 2]?.string ?? " "
                if ch.isEmpty { ch = " " }
                let size = Int(abs(width).clamped)
                let padLength = size - s.unicodeScalars.count
                guard padLength > 0 else { return .string(s) }
                // Checked before the padding is built: the result is counted again when the function returns.
                let bytesPerScalar = (ch.utf8.count + ch.unicodeScalars.count - 1) / ch.unicodeScalars.count
                try ctx.evaluator.chargeString(s.utf8.count + padLength * bytesPerScalar)
                // Whole repeats of the pad text, then the start of it (built at once: appending scalar by
                // scalar is slow for wide pads).
                let chScalars = scalars(ch)
                var padding = String(repeating: ch, count: padLength / chScalars.count)
                padding.unicodeScalars.append(contentsOf: chScalars.prefix(padLength % chScalars.count))
                return .string(width < 0 ? String(padding) + s : s + String(padding))
            }
        ),
        (
            "contains", "<s-(sf):b>", 2,
            { ctx, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                switch a[arg: 1] {
                case .string(let t)?: return .bool(t.isEmpty || find(s, t) != nil)
                case let m?: return .bool(try Matching.first(ctx, m, s) != nil)
                default: return .bool(false)
                }
            }
        ),
        (
            "split", "<s-(sf)n?:a<s>>", 3,
            { ctx, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                var limit: Int?
                if let l = a[arg: 2]?.number {
                    if l < 0 { throw PendingError("D3020", value: .number(l)) }
                    limit = Int(l.rounded(.down).clamped)
                }
                var result: [JV] = []
                switch a[arg: 1] {
                case .string(let sep)?:
                    if sep.isEmpty {
                        result = s.unicodeScalars.map { .string(String($0)) }
                    } else {
                        var rest = Substring(s)
                        while let r = find(String(rest), sep) {
                            let restString = String(rest)
                            result.append(.string(String(restString[..<r.lowerBound])))
                            rest = Substring(String(restString[r.upperBound...]))
                        }
                        result.append(.string(String(rest)))
                    }
                    if let limit { result = Array(result.prefix(limit)) }
                case let m?:
                    let chars = scalars(s)
                    var step = try Matching.first(ctx, m, s)
                    var start = 0
                    var count = 0
                    if step == nil {
                        result.append(.string(s))
                    } else {
                        while let current = step, limit == nil || count < limit! {
                            result.append(.string(Matching.slice(chars, start, current.start)))
                            start = current.end
                            step = try Matching.following(ctx, current)
                            count += 1
                        }
                        if limit == nil || count < limit! {
                            result.append(.string(Matching.slice(chars, start, chars.count)))
                        }
                    }
                default: break
                }
                return .array(JArray(result))
            }
        ),
        (
            "join", "<a<s>s?:s>", 2,
            { _, a in
                guard let v = a[arg: 0] else { return nil }
                let sep = a[arg: 1]?.string ?? ""
                return .string(v.items.map { $0.string ?? "" }.joined(separator: sep))
            }
        ),
        (
            "match", "<s-f<s:o>n?:a<o>>", 3,
            { ctx, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0], let m = a[arg: 1] else { return nil }
                var limit: Int?
                if let l = a[arg: 2]?.number {
                    if l < 0 { throw PendingError("D3040", value: .number(l)) }
                    limit = Int(l.rounded(.down).clamped)
                }
                let result = JArray.seq()
                if limit == nil || limit! > 0 {
                    var step = try Matching.first(ctx, m, s)
                    var count = 0
                    while let current = step, limit == nil || count < limit! {
                        let o = JObject()
                        o["match"] = .string(current.match)
                        o["index"] = .number(Double(current.start))
                        o["groups"] = .array(JArray(current.groups))
                        result.items.append(.object(o))
                        step = try Matching.following(ctx, current)
                        count += 1
                    }
                }
                return .array(result)
            }
        ),
        ("replace", "<s-(sf)(sf)n?:s>", 4, { ctx, a throws(PendingError) in try replace(ctx, a) }),
        (
            "base64encode", "<s-:s>", 1,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                return .string(Base64.encode(latin1OrUTF8(s)))
            }
        ),
        (
            "base64decode", "<s-:s>", 1,
            { _, a in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                let bytes = Base64.decode(s)
                return .string(String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })))
            }
        ),
        (
            "encodeUrlComponent", "<s-:s>", 1,
            { _, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                return .string(URLCoding.encode(s, keep: URLCoding.componentSafe))
            }
        ),
        (
            "encodeUrl", "<s-:s>", 1,
            { _, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                return .string(URLCoding.encode(s, keep: URLCoding.uriSafe))
            }
        ),
        (
            "decodeUrlComponent", "<s-:s>", 1,
            { _, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                guard let r = URLCoding.decode(s, reserved: []) else {
                    throw PendingError("D3140", token: "decodeUrlComponent", value: .string(s))
                }
                return .string(r)
            }
        ),
        (
            "decodeUrl", "<s-:s>", 1,
            { _, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                guard let r = URLCoding.decode(s, reserved: Set(";/?:@&=+$,#".unicodeScalars)) else {
                    throw PendingError("D3140", token: "decodeUrl", value: .string(s))
                }
                return .string(r)
            }
        ),
    ]

    static func find(_ s: String, _ needle: String) -> Range<String.Index>? {
        if needle.isEmpty { return s.startIndex..<s.startIndex }
        let n = Array(needle.unicodeScalars)
        let u = s.unicodeScalars
        var i = u.startIndex
        while i < u.endIndex {
            var j = i
            var k = 0
            while k < n.count, j < u.endIndex, u[j] == n[k] {
                j = u.index(after: j)
                k += 1
            }
            if k == n.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }

    static func latin1OrUTF8(_ s: String) -> [UInt8] {
        if s.unicodeScalars.allSatisfy({ $0.value < 256 }) { return s.unicodeScalars.map { UInt8($0.value) } }
        return Array(s.utf8)
    }

    static func replace(_ ctx: CallContext, _ a: [JV?]) throws(PendingError) -> JV? {
        guard case .string(let s)? = a[arg: 0] else { return nil }
        let pattern = a[arg: 1]
        if case .string(let p)? = pattern, p.isEmpty { throw PendingError("D3010", value: .string(p)) }
        var limit: Int?
        if let l = a[arg: 3]?.number {
            if l < 0 { throw PendingError("D3011", value: .number(l)) }
            limit = Int(l.rounded(.down).clamped)
        }
        let replacement = a[arg: 2]
        if let limit, limit <= 0 { return .string(s) }
        if case .string(let p)? = pattern {
            let rep = replacement?.string ?? ""
            var result = ""
            var rest = s
            var count = 0
            while limit == nil || count < limit!, let r = find(rest, p) {
                result += rest[..<r.lowerBound] + rep
                rest = String(rest[r.upperBound...])
                count += 1
            }
            return .string(result + rest)
        }
        guard let m = pattern else { return .string(s) }
        let chars = scalars(s)
        var step = try Matching.first(ctx, m, s)
        if step == nil { return .string(s) }
        var result = ""
        var position = 0
        var count = 0
        while let current = step, limit == nil || count < limit! {
            result += Matching.slice(chars, position, current.start)
            let replacedWith: JV?
            if case .string(let r)? = replacement {
                replacedWith = .string(substitute(r, current))
            } else if let f = replacement {
                let o = JObject()
                o["match"] = .string(current.match)
                o["start"] = .number(Double(current.start))
                o["end"] = .number(Double(current.end))
                o["groups"] = .array(JArray(current.groups))
                replacedWith = try ctx.evaluator.apply(f, [.object(o)], nil, ctx.frame)
            } else {
                replacedWith = .string("")
            }
            guard case .string(let text)? = replacedWith else {
                throw PendingError("D3012", value: replacedWith, hasValue: replacedWith != nil)
            }
            result += text
            position = current.start + current.match.unicodeScalars.count
            count += 1
            step = try Matching.following(ctx, current)
        }
        result += Matching.slice(chars, position, chars.count)
        return .string(result)
    }

    /// `$0`, `$1`… and `$$` in a replacement string, read the way jsonata-js reads them.
    static func substitute(_ replacement: String, _ m: Matching.Step) -> String {
        let r = Array(replacement.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        while position < r.count {
            guard let dollar = r[position...].firstIndex(of: "$") else { break }
            out.append(contentsOf: r[position..<dollar])
            position = dollar + 1
            guard position < r.count else {
                out.append("$")
                break
            }
            let next = r[position]
            if next == "$" {
                out.append("$")
                position += 1
            } else if next == "0" {
                out.append(contentsOf: m.match.unicodeScalars)
                position += 1
            } else {
                let groups = m.groups.count
                let maxDigits = groups == 0 ? 1 : String(groups).count
                var digits = ""
                var k = position
                while k < r.count, digits.count < maxDigits, r[k].value >= 48, r[k].value <= 57 {
                    digits.unicodeScalars.append(r[k])
                    k += 1
                }
                var index = Int(digits)
                if maxDigits > 1, let i = index, i > groups { index = Int(String(digits.dropLast())) }
                if let index {
                    if groups > 0, index >= 1, index <= groups, case .string(let g) = m.groups[index - 1] {
                        out.append(contentsOf: g.unicodeScalars)
                    }
                    position += String(index).count
                } else {
                    out.append("$")
                }
            }
        }
        if position < r.count { out.append(contentsOf: r[position...]) }
        return String(out)
    }
}
