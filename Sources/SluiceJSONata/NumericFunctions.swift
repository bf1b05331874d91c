/// $sum, $number, $round and the other numeric and aggregation functions.
enum NumericFunctions {
    static func numbers(_ v: JV?) -> [Double]? {
        guard let v else { return nil }
        return v.items.compactMap(\.number)
    }

    nonisolated(unsafe) static let all: [(String, String?, Int, Library.Body)] = [
        (
            "sum", "<a<n>:n>", 1,
            { _, a in
                guard let ns = numbers(a[arg: 0]) else { return nil }
                return .number(ns.reduce(0, +))
            }
        ),
        (
            "count", "<a:n>", 1,
            { _, a in
                guard let v = a[arg: 0] else { return .number(0) }
                return .number(Double(v.items.count))
            }
        ),
        (
            "max", "<a<n>:n>", 1,
            { _, a in
                guard let ns = numbers(a[arg: 0]), !ns.isEmpty else { return nil }
                return .number(ns.max()!)
            }
        ),
        (
            "min", "<a<n>:n>", 1,
            { _, a in
                guard let ns = numbers(a[arg: 0]), !ns.isEmpty else { return nil }
                return .number(ns.min()!)
            }
        ),
        (
            "average", "<a<n>:n>", 1,
            { _, a in
                guard let ns = numbers(a[arg: 0]), !ns.isEmpty else { return nil }
                return .number(ns.reduce(0, +) / Double(ns.count))
            }
        ),
        (
            "number", "<(nsb)-:n>", 1,
            { _, a throws(PendingError) in
                guard let v = a[arg: 0] else { return nil }
                switch v {
                case .number: return v
                case .bool(let b): return .number(b ? 1 : 0)
                case .string(let s):
                    if let d = parseNumber(s) { return .number(d) }
                    throw PendingError("D3030", value: v)
                default:
                    throw PendingError("D3030", value: v)
                }
            }
        ),
        ("abs", "<n-:n>", 1, { _, a in a[arg: 0]?.number.map { .number(abs($0)) } }),
        ("floor", "<n-:n>", 1, { _, a in a[arg: 0]?.number.map { .number($0.rounded(.down)) } }),
        ("ceil", "<n-:n>", 1, { _, a in a[arg: 0]?.number.map { .number($0.rounded(.up) + 0) } }),
        (
            "round", "<n-n?:n>", 2,
            { _, a in
                guard let x = a[arg: 0]?.number else { return nil }
                return .number(round(x, Int(a[arg: 1]?.number ?? 0)))
            }
        ),
        (
            "sqrt", "<n-:n>", 1,
            { _, a throws(PendingError) in
                guard let x = a[arg: 0]?.number else { return nil }
                if x < 0 { throw PendingError("D3060", value: .number(x)) }
                return .number(x.squareRoot())
            }
        ),
        (
            "power", "<n-n:n>", 2,
            { _, a throws(PendingError) in
                guard let x = a[arg: 0]?.number, let y = a[arg: 1]?.number else { return nil }
                let r = MathPow.pow(x, y)
                if !r.isFinite { throw PendingError("D3061", value: .number(x), value2: .number(y)) }
                return .number(r)
            }
        ),
        (
            "random", "<:n>", 0,
            { ctx, _ in
                .number(ctx.evaluator.environment.randomSource?() ?? Double.random(in: 0..<1))
            }
        ),
        ("boolean", "<x-:b>", 1, { _, a in Builtins.boolean(a[arg: 0]).map { .bool($0) } }),
        ("not", "<x-:b>", 1, { _, a in Builtins.boolean(a[arg: 0]).map { .bool(!$0) } }),
        (
            "formatBase", "<n-n?:s>", 2,
            { _, a throws(PendingError) in
                guard let x = a[arg: 0]?.number else { return nil }
                let value = round(x, 0)
                let radix = Int(a[arg: 1]?.number ?? 10)
                if radix < 2 || radix > 36 { throw PendingError("D3100", value: .number(Double(radix))) }
                return .string(String(Int64(value.clamped), radix: radix))
            }
        ),
        (
            "formatNumber", "<n-so?:s>", 3,
            { _, a throws(PendingError) in
                guard let x = a[arg: 0]?.number else { return nil }
                var options: [String: String] = [:]
                if case .object(let o)? = a[arg: 2] {
                    for (k, v) in o.pairs { if case .string(let s) = v { options[k] = s } }
                }
                do throws(PictureError) {
                    return .string(try NumberPicture.format(x, picture: a[arg: 1]?.string ?? "", options: options))
                } catch {
                    throw PendingError(error.code, text: error.message, literal: true)
                }
            }
        ),
        (
            "formatInteger", "<n-s:s>", 2,
            { _, a throws(PendingError) in
                guard let x = a[arg: 0]?.number else { return nil }
                do throws(PictureError) {
                    return .string(try IntegerPicture.format(x, picture: a[arg: 1]?.string ?? ""))
                } catch {
                    throw PendingError(error.code, text: error.message, literal: true)
                }
            }
        ),
        (
            "parseInteger", "<s-s:n>", 2,
            { _, a throws(PendingError) in
                guard let s = a[arg: 0]?.string else { return nil }
                do throws(PictureError) {
                    return try IntegerPicture.parse(s, picture: a[arg: 1]?.string ?? "").map { .number($0) }
                } catch {
                    throw PendingError(error.code, text: error.message, literal: true)
                }
            }
        ),
    ]

    /// $number's string forms: a JSON number, or 0x / 0o / 0b integers.
    static func parseNumber(_ s: String) -> Double? {
        let u = Array(s.utf8)
        if u.count > 2, u[0] == UInt8(ascii: "0") {
            let radix: Int? =
                switch u[1] {
                case UInt8(ascii: "x"), UInt8(ascii: "X"): 16
                case UInt8(ascii: "o"), UInt8(ascii: "O"): 8
                case UInt8(ascii: "b"), UInt8(ascii: "B"): 2
                default: nil
                }
            if let radix, let v = Int64(String(decoding: u[2...], as: UTF8.self), radix: radix) { return Double(v) }
        }
        // -?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?
        var i = 0
        func digits() -> Bool {
            let start = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            return i > start
        }
        if i < u.count, u[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() else { return nil }
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() else { return nil }
        }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { return nil }
        }
        guard i == u.count, let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// $round: half to even, at a number of decimal places (done on the decimal text, as jsonata-js does).
    static func round(_ x: Double, _ precision: Int) -> Double {
        var arg = x
        if precision != 0 { arg = shift(arg, precision) }
        var result = (arg + 0.5).rounded(.down)
        if arg.isFinite, abs(arg) > 4.5e15 { result = arg.rounded() }
        let diff = result - arg
        if abs(diff) == 0.5, abs(result.truncatingRemainder(dividingBy: 2)) == 1 { result -= 1 }
        if precision != 0 { result = shift(result, -precision) }
        if result == 0 { result = 0 }
        return result
    }

    private static func shift(_ x: Double, _ by: Int) -> Double {
        let text = JavaScriptNumber.string(x)
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        return Double("\(mantissa)e\(exp + by)") ?? x
    }
}
