import SluiceJSON

/// A JavaScript object: keys in insertion order. Members live in one array searched linearly (most objects are
/// small); an index is built only past `indexThreshold` members.
///
/// An object converted from JSON keeps its JSON (`source`) and converts its members only when first read, one
/// level at a time: an evaluation pays for the parts of its input and bindings it reads, not for all of them.
/// Until the object is changed, converting it back gives its JSON unchanged.
final class JObject {
    private var storedKeys: [String] = []
    private var storage: [JV] = []
    private var index: [String: Int]?
    static let indexThreshold = 16
    /// The JSON this object was converted from, while it is unchanged.
    private(set) var source: JSONObject?
    /// False until the members of `source` are converted.
    private var converted = true

    init() {}

    init(json: JSONObject) {
        source = json
        converted = false
    }

    var keys: [String] {
        if !converted { convert() }
        return storedKeys
    }

    private func convert() {
        converted = true
        guard let source else { return }
        storedKeys.reserveCapacity(source.count)
        storage.reserveCapacity(source.count)
        source.forEach { key, value in insert(key, JSONConversion.toJV(value)) }
    }

    init(capacity: Int) {
        storedKeys.reserveCapacity(capacity)
        storage.reserveCapacity(capacity)
    }

    private func position(_ key: String) -> Int? {
        if !converted { convert() }
        if let index { return index[key] }
        return storedKeys.firstIndex(of: key)
    }

    subscript(key: String) -> JV? {
        get {
            // Before conversion, a member that is not an array is read straight from the JSON (an object member
            // becomes another lazy object), leaving its siblings unconverted. An array is converted once, with
            // the rest of this level, so that reading it again does not convert it again.
            if !converted, let source {
                guard let value = source[key] else { return nil }
                if case .array = value {} else { return JSONConversion.toJV(value) }
            }
            return position(key).map { storage[$0] }
        }
        set {
            if !converted { convert() }
            source = nil
            if let newValue {
                if let i = position(key) {
                    storage[i] = newValue
                } else {
                    appendNew(key, newValue)
                }
            } else if let i = position(key) {
                storedKeys.remove(at: i)
                storage.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// Appends a member known not to be present (conversion from JSON, whose keys are unique).
    func appendNew(_ key: String, _ value: JV) {
        if !converted { convert() }
        source = nil
        insert(key, value)
    }

    private func insert(_ key: String, _ value: JV) {
        if let n = JObject.arrayIndex(key) {
            // JavaScript orders integer-like keys first, ascending, whatever the insertion order.
            var at = 0
            while at < storedKeys.count, let m = JObject.arrayIndex(storedKeys[at]), m < n { at += 1 }
            if at < storedKeys.count {
                storedKeys.insert(key, at: at)
                storage.insert(value, at: at)
                if index != nil { rebuildIndex() }
                return
            }
        }
        storedKeys.append(key)
        storage.append(value)
        if index != nil {
            index![key] = storedKeys.count - 1
        } else if storedKeys.count > JObject.indexThreshold {
            rebuildIndex()
        }
    }

    private func rebuildIndex() {
        var built: [String: Int] = [:]
        for (i, k) in storedKeys.enumerated() { built[k] = i }
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

    var count: Int { converted ? storedKeys.count : source?.count ?? 0 }

    var pairs: Zip2Sequence<[String], [JV]> {
        if !converted { convert() }
        return zip(storedKeys, storage)
    }
}
