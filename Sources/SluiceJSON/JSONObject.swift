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

    /// Read directly by the serializer and the size walk (no closure per member on their hot paths).
    private(set) var members: [Member] = []
    private var index: [String: Int]?

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
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    rebuildIndex()
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built: [String: Int] = [:]
        built.reserveCapacity(members.count)
        for (i, m) in members.enumerated() { built[m.key] = i }
        index = built
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
        var built: [Member] = []
        built.reserveCapacity(values.count)
        for (i, member) in layout.members.enumerated() {
            built.append(Member(key: member.key, value: values[i]))
        }
        values.removeAll(keepingCapacity: true)
        members = built
        index = layout.index
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
