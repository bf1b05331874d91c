/// A JSON object that keeps its keys in insertion order (outputs read the way they were written)
/// while comparing like a dictionary (key order never matters for equality).
///
/// Most objects in a state machine's data are small, so members live in one array searched linearly; a hash index
/// is added only once an object grows past `indexThreshold` members. That saves an allocation and all hashing on
/// the hot path (every Parameters output, every history event).
public struct JSONObject: Sendable {
    @usableFromInline
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    static let indexThreshold = 12

    /// What an object may carry beside its members, in one word (so `JSONValue` stays as small as it is).
    private enum Extra: Sendable {
        /// Key → position, for objects past `indexThreshold` members.
        case index([String: Int])
        /// The object's compact JSON, written by whoever built it from bytes it had already scanned (a CSV row):
        /// serializing copies it instead of walking the members. Any change to the object drops it.
        case compactJSON([UInt8])
    }

    /// Read directly by the serializer and the size walk (no closure per member on their hot paths).
    private(set) var members: [Member] = []
    private var extra: Extra?

    private var index: [String: Int]? {
        if case .index(let index) = extra { return index }
        return nil
    }

    /// The compact JSON the object was built with, if any (the serializer and the size walk use it as it is).
    var compactJSON: [UInt8]? {
        if case .compactJSON(let bytes) = extra { return bytes }
        return nil
    }

    public init() {}

    public init(_ pairs: [(String, JSONValue)]) {
        members.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// Keys in insertion order.
    public var keys: [String] { members.map(\.key) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if case .compactJSON = extra { extra = nil }
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    rebuildIndex()
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if case .index(var index) = extra {
                    extra = nil  // so the dictionary is uniquely referenced and grows in place
                    index[key] = members.count - 1
                    extra = .index(index)
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            extra = nil
            return
        }
        var built: [String: Int] = [:]
        built.reserveCapacity(members.count)
        for (i, m) in members.enumerated() { built[m.key] = i }
        extra = .index(built)
    }

    /// Key/value pairs in insertion order.
    public var entries: [(key: String, value: JSONValue)] {
        members.map { ($0.key, $0.value) }
    }

    public var values: [JSONValue] { members.map(\.value) }

    /// Whether `body` holds for every member, visited in order and stopping at the first false.
    public func allMembers(_ body: (String, JSONValue) throws -> Bool) rethrows -> Bool {
        for m in members where try !body(m.key, m.value) { return false }
        return true
    }

    /// Visits the members in order without building an array of them (serialization's hot path).
    public func forEach(_ body: (String, JSONValue) throws -> Void) rethrows {
        for m in members { try body(m.key, m.value) }
    }

    /// An object with `layout`'s keys (in its order) and `values`, one per key: builds many objects of one shape
    /// (CSV rows) without hashing or comparing a key per member. `values` is emptied.
    public init(layout: JSONObject, values: inout [JSONValue]) {
        precondition(values.count == layout.members.count, "one value per key")
        let count = values.count
        // The values are moved, not copied (no retain here and release in `removeAll` per value); each slot left
        // behind holds `.null`, which has nothing to release.
        members = values.withUnsafeMutableBufferPointer { values in
            layout.members.withUnsafeBufferPointer { keys in
                [Member](unsafeUninitializedCapacity: count) { built, initialized in
                    for i in 0..<count {
                        let value = (values.baseAddress! + i).move()
                        (values.baseAddress! + i).initialize(to: .null)
                        (built.baseAddress! + i).initialize(to: Member(key: keys[i].key, value: value))
                    }
                    initialized = count
                }
            }
        }
        values.removeAll(keepingCapacity: true)
        extra = layout.index.map { .index($0) }
    }

    /// As `init(layout:values:)`, with the object's compact JSON as its builder wrote it: exactly what
    /// `JSONValue.object(self).serializedBytes()` would give (the serializer copies it from then on). The key index
    /// is not kept: lookups in such an object walk its members.
    public init(layout: JSONObject, values: inout [JSONValue], compactJSON: [UInt8]) {
        self.init(layout: layout, values: &values)
        extra = .compactJSON(compactJSON)
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for m in lhs.members {
            guard let other = rhs[m.key], other == m.value else { return false }
        }
        return true
    }
}

extension JSONObject: Hashable {
    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var acc = 0
        for m in members {
            var h = Hasher()
            h.combine(m.key)
            h.combine(m.value)
            acc = acc &+ h.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(acc)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members.reserveCapacity(elements.count)
        for (k, v) in elements { self[k] = v }
    }
}
