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
