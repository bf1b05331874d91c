/// Numbers printed as JavaScript prints them (Number.prototype.toString), and rounded as toPrecision does.
enum NumberText {
    /// The shortest round-tripping digits of a positive finite number and its decimal exponent n, so that the
    /// value is 0.d1d2...dk × 10^n.
    static func digits(_ x: Double) -> (digits: [UInt8], exponent: Int) {
        let text = "\(x)"
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var intDigits = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digits.append(c - 48)
            if !seenPoint { intDigits += 1 }
        }
        var n = intDigits + exp
        while let f = digits.first, f == 0, digits.count > 1 {
            digits.removeFirst()
            n -= 1
        }
        while let l = digits.last, l == 0, digits.count > 1 { digits.removeLast() }
        return (digits, n)
    }

    static func format(digits: [UInt8], exponent n: Int, negative: Bool) -> String {
        let k = digits.count
        var s = negative ? "-" : ""
        let d = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if k <= n && n <= 21 {
            s += d + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            s += String(d.prefix(n)) + "." + String(d.dropFirst(n))
        } else if -6 < n && n <= 0 {
            s += "0." + String(repeating: "0", count: -n) + d
        } else {
            let e = n - 1
            s += String(d.prefix(1))
            if k > 1 { s += "." + String(d.dropFirst()) }
            s += "e" + (e >= 0 ? "+" : "-") + String(abs(e))
        }
        return s
    }

    /// Number.prototype.toString().
    static func js(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let (d, n) = digits(abs(x))
        return format(digits: d, exponent: n, negative: x < 0)
    }

    /// Number(x.toPrecision(p)) printed back: how jsonata-js's $string prints numbers (15 significant digits).
    static func precise(_ x: Double, _ p: Int = 15) -> String {
        if !x.isFinite || x == 0 { return js(x) }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var (d, n) = digits(abs(x))
        if d.count > p {
            let roundUp = d[p] >= 5
            d = Array(d[0..<p])
            if roundUp {
                var i = p - 1
                while i >= 0 {
                    if d[i] == 9 {
                        d[i] = 0
                        i -= 1
                    } else {
                        d[i] += 1
                        break
                    }
                }
                if i < 0 {
                    d.insert(1, at: 0)
                    d.removeLast()
                    n += 1
                }
            }
            while let l = d.last, l == 0, d.count > 1 { d.removeLast() }
        }
        return format(digits: d, exponent: n, negative: x < 0)
    }
}
