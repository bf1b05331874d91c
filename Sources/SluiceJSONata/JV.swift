/// A value inside the evaluator: JSON plus functions, with JavaScript's reference semantics for arrays and
/// objects (jsonata-js marks arrays as sequences and the transform operator edits its copy in place).
/// Undefined is `nil` of `JV?`.
enum JV {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(JArray)
    case object(JObject)
    case function(JFunction)

    var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }

    var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// JavaScript's typeof, as jsonata-js's type checks read it (null is "object", arrays too).
    var jsType: String {
        switch self {
        case .null, .array, .object: "object"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .function: "function"
        }
    }
}

/// A JavaScript array with the flags jsonata-js hangs on it.
final class JArray {
    var items: [JV]
    /// A sequence: collapses to its only item, or to undefined when empty, at the end of an evaluation.
    var sequence = false
    var keepSingleton = false
    /// Built by an array constructor: a path does not flatten it.
    var cons = false
    var outerWrapper = false
    /// Items are tuples (objects holding `@` and the bound variables).
    var tupleStream = false

    init(_ items: [JV] = [], sequence: Bool = false) {
        self.items = items
        self.sequence = sequence
    }

    static func seq(_ item: JV? = nil) -> JArray {
        let a = JArray([], sequence: true)
        if let item { a.items.append(item) }
        return a
    }

    var count: Int { items.count }
}

/// A JavaScript object: keys in insertion order. Members live in one array searched linearly (most objects are
/// small); an index is built only past `indexThreshold` members.
final class JObject {
    private(set) var keys: [String] = []
    private var storage: [JV] = []
    private var index: [String: Int]?
    static let indexThreshold = 16

    init() {}

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        storage.reserveCapacity(capacity)
    }

    private func position(_ key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    subscript(key: String) -> JV? {
        get { position(key).map { storage[$0] } }
        set {
            if let newValue {
                if let i = position(key) {
                    storage[i] = newValue
                } else {
                    appendNew(key, newValue)
                }
            } else if let i = position(key) {
                keys.remove(at: i)
                storage.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// Appends a member known not to be present (conversion from JSON, whose keys are unique).
    func appendNew(_ key: String, _ value: JV) {
        if let n = JObject.arrayIndex(key) {
            // JavaScript orders integer-like keys first, ascending, whatever the insertion order.
            var at = 0
            while at < keys.count, let m = JObject.arrayIndex(keys[at]), m < n { at += 1 }
            if at < keys.count {
                keys.insert(key, at: at)
                storage.insert(value, at: at)
                if index != nil { rebuildIndex() }
                return
            }
        }
        keys.append(key)
        storage.append(value)
        if index != nil {
            index![key] = keys.count - 1
        } else if keys.count > JObject.indexThreshold {
            rebuildIndex()
        }
    }

    private func rebuildIndex() {
        var built: [String: Int] = [:]
        for (i, k) in keys.enumerated() { built[k] = i }
        index = built
    }

    /// The key as an array index (a canonical integer below 2^32 - 1), which JavaScript orders first.
    static func arrayIndex(_ key: String) -> UInt32? {
        let u = key.utf8
        guard let first = u.first, first >= 48, first <= 57, u.count <= 10 else { return nil }
        if first == 48, u.count > 1 { return nil }
        var v: UInt64 = 0
        for c in u {
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + UInt64(c - 48)
        }
        return v < 4_294_967_295 ? UInt32(v) : nil
    }

    var count: Int { keys.count }

    var pairs: Zip2Sequence<[String], [JV]> { zip(keys, storage) }
}
