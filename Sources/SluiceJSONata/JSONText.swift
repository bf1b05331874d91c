import SluiceJSON

/// JSON.stringify as jsonata-js uses it: for `$string` (numbers to 15 significant digits, functions as "")
/// and for the values inserted into error messages.
enum JSONText {
    /// A JSON string literal, escaped as JSON.stringify escapes (SluiceJSON's writer does the same).
    static func quote(_ s: String) -> String {
        var out = ""
        JSONValue.writeString(s, to: &out)
        return out
    }

    /// Plain JSON.stringify (error messages).
    static func stringify(_ v: JV) -> String {
        (try? write(v, precise: false, indent: nil, level: 0)) ?? ""
    }

    static func write(_ v: JV, precise: Bool, indent: Int?, level: Int) throws(PendingError) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            if !d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
                if precise { throw PendingError("D1001", value: v) }
                return "null"
            }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            if precise {
                // Number(d.toPrecision(15)), printed back: how $string writes numbers.
                let rounded = Double(JavaScriptNumber.precision(d, 15)) ?? d
                return JavaScriptNumber.string(rounded)
            }
            return JavaScriptNumber.string(d)
        case .string(let s): return quote(s)
        case .function: return precise ? "\"\"" : "{}"
        case .array(let a):
            if a.items.isEmpty { return "[]" }
            var parts: [String] = []
            for item in a.items {
                parts.append(try write(item, precise: precise, indent: indent, level: level + 1))
            }
            return wrap(parts, "[", "]", indent: indent, level: level)
        case .object(let o):
            if o.count == 0 { return "{}" }
            var parts: [String] = []
            for (k, item) in o.pairs {
                let sep = indent == nil ? ":" : ": "
                parts.append(quote(k) + sep + (try write(item, precise: precise, indent: indent, level: level + 1)))
            }
            return wrap(parts, "{", "}", indent: indent, level: level)
        }
    }

    private static func wrap(_ parts: [String], _ open: String, _ close: String, indent: Int?, level: Int) -> String {
        guard let indent else { return open + parts.joined(separator: ",") + close }
        let inner = String(repeating: " ", count: indent * (level + 1))
        let outer = String(repeating: " ", count: indent * level)
        return open + "\n" + parts.map { inner + $0 }.joined(separator: ",\n") + "\n" + outer + close
    }
}
