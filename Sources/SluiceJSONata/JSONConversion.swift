import SluiceJSON

/// Between SluiceJSON's values and the evaluator's.
enum JSONConversion {
    static func toJV(_ v: JSONValue) -> JV {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(Double(i))
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let a): return .array(JArray(a.map(toJV)))
        case .object(let o): return .object(JObject(json: o))
        }
    }

    /// Integral doubles within ±2^53 become `.int`; functions become undefined (inside arrays, null), as
    /// JSON.stringify would print them.
    static func toJSON(_ v: JV) -> JSONValue? {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d):
            if d == d.rounded(), abs(d) <= 9_007_199_254_740_992 { return .int(Int(d)) }
            return d.isFinite ? .double(d) : .null
        case .string(let s): return .string(s)
        case .function: return nil
        case .array(let a): return .array(a.items.map { toJSON($0) ?? .null })
        case .object(let o):
            // Unchanged since it was converted from JSON: that JSON, unless JavaScript would reorder its keys.
            if let source = o.source, source.allMembers({ key, _ in JObject.arrayIndex(key) == nil }) {
                return .object(source)
            }
            var out = JSONObject()
            for (k, x) in o.pairs {
                if let j = toJSON(x) { out[k] = j }
            }
            return .object(out)
        }
    }
}
