/// jsonata-js's helper semantics shared by the evaluator and the function library.
enum Builtins {
    /// isNumeric: a number that is not NaN; an infinite one is an error (D1001), as in jsonata-js.
    static func isNumeric(_ n: Double) throws(PendingError) -> Bool {
        if n.isNaN { return false }
        if !n.isFinite { throw PendingError("D1001", value: .number(n)) }
        return true
    }

    static func lookup(_ input: JV?, _ key: String) -> JV? {
        switch input {
        case .array(let a)?:
            let result = JArray.seq()
            for item in a.items {
                guard let res = lookup(item, key) else { continue }
                if case .array(let r) = res {
                    result.items.append(contentsOf: r.items)
                } else {
                    result.items.append(res)
                }
            }
            return .array(result)
        case .object(let o)?:
            return o[key]
        default:
            return nil
        }
    }

    static func boolean(_ arg: JV?) -> Bool? {
        guard let arg else { return nil }
        switch arg {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s): return !s.isEmpty
        case .function: return false
        case .object(let o): return o.count > 0
        case .array(let a):
            if a.items.count == 1 { return boolean(a.items[0]) ?? false }
            return a.items.contains { boolean($0) == true }
        }
    }

    static func flatten(_ a: JArray, into out: inout [JV]) {
        for item in a.items {
            if case .array(let inner) = item { flatten(inner, into: &out) } else { out.append(item) }
        }
    }

    /// fn.append on two defined values: a new plain array (Array.prototype.concat keeps no flags).
    static func appendArrays(_ a: JV, _ b: JV) -> JArray {
        var items: [JV]
        if case .array(let x) = a { items = x.items } else { items = [a] }
        if case .array(let y) = b { items.append(contentsOf: y.items) } else { items.append(b) }
        return JArray(items)
    }

    static func append(_ a: JV?, _ b: JV?) -> JV? {
        guard let a else { return b }
        guard let b else { return a }
        return .array(appendArrays(a, b))
    }

    static func deepEqual(_ a: JV, _ b: JV) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)):
            guard x.items.count == y.items.count else { return false }
            for i in 0..<x.items.count where !deepEqual(x.items[i], y.items[i]) { return false }
            return true
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.pairs {
                guard let w = y[k], deepEqual(v, w) else { return false }
            }
            return true
        case (.function(let x), .function(let y)): return x === y
        default: return false
        }
    }

    /// JavaScript's === (objects and arrays by identity).
    static func strictEqual(_ a: JV, _ b: JV) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return deepEqual(a, b)
        }
    }

    /// JavaScript string order: by UTF-16 code units.
    static func jsLess(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// jsonata-js's stable merge sort, which moves b before a when `swap(a, b)` is true.
    static func mergeSort(_ items: [JV], _ swap: (JV, JV) throws(PendingError) -> Bool) throws(PendingError) -> [JV] {
        if items.count <= 1 { return items }
        let middle = items.count / 2
        let left = try mergeSort(Array(items[..<middle]), swap)
        let right = try mergeSort(Array(items[middle...]), swap)
        var merged: [JV] = []
        merged.reserveCapacity(items.count)
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            if try swap(left[i], right[j]) {
                merged.append(right[j])
                j += 1
            } else {
                merged.append(left[i])
                i += 1
            }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        return merged
    }

    static func deepCopy(_ v: JV) -> JV {
        switch v {
        case .array(let a):
            return .array(JArray(a.items.map(deepCopy)))
        case .object(let o):
            let c = JObject()
            for (k, x) in o.pairs { c[k] = deepCopy(x) }
            return .object(c)
        case .function:
            return .string("")
        default:
            return v
        }
    }

    /// fn.string.
    static func string(_ arg: JV, prettify: Bool = false) throws(PendingError) -> String {
        switch arg {
        case .string(let s): return s
        case .function: return ""
        case .number(let n) where !n.isFinite: throw PendingError("D3001", value: arg)
        case .array(let a) where a.outerWrapper && !a.items.isEmpty:
            return try JSONText.write(a.items[0], precise: true, indent: prettify ? 2 : nil, level: 0)
        default:
            return try JSONText.write(arg, precise: true, indent: prettify ? 2 : nil, level: 0)
        }
    }

    static func isArrayOfStrings(_ a: JArray) -> Bool {
        a.items.allSatisfy { if case .string = $0 { true } else { false } }
    }

    static func isArrayOfNumbers(_ a: JArray) -> Bool {
        a.items.allSatisfy { if case .number = $0 { true } else { false } }
    }
}
