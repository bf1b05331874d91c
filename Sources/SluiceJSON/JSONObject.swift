/// A JSON object that keeps its keys in insertion order (outputs read the way they were written)
/// while comparing like a dictionary (key order never matters for equality).
///
/// Most objects in a state machine's data are small, so members live in one array searched linearly; a hash index
/// is added only once an object grows past `indexThreshold` members. That saves an allocation and all hashing on
/// the hot path (every Parameters output, every history event). An object a reader wrote as compact JSON (a CSV
/// row) stays that JSON until something reads a member (see `CompactSlab`).
package struct JSONObject: Sendable {
    @usableFromInline
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    static let indexThreshold = 12

    /// What an object may carry beside its members (small enough that `JSONValue` stays 24 bytes a value).
    private enum Extra: Sendable {
        /// Key → position, for objects past `indexThreshold` members.
        case index([String: Int])
        /// An object a reader wrote as compact JSON while scanning its source (a CSV row, a worker's result): object
        /// `row` of a slab that holds many. Members are parsed from it only when something reads them; the first
        /// change makes it an ordinary object. The row fits in 32 bits so that the case stays within 24 bytes.
        case slab(CompactSlab, row: UInt32)
    }

    private var storage: [Member] = []
    private var extra: Extra?

    /// Read directly by the serializer and the size walk (no closure per member on their hot paths).
    var members: [Member] {
        get {
            if case .slab(let slab, let row) = extra { return slab.members(Int(row)) }
            return storage
        }
        _modify {
            materialize()
            yield &storage
        }
    }

    /// Turns a compact object into an ordinary one, before a change.
    private mutating func materialize() {
        guard case .slab(let slab, let row) = extra else { return }
        storage = slab.members(Int(row))
        extra = nil
        rebuildIndex()
    }

    private var index: [String: Int]? {
        if case .index(let index) = extra { return index }
        return nil
    }

    /// The compact JSON the object was read as, if any (the serializer and the size walk use it as it is).
    var compactJSON: [UInt8]? {
        withCompactJSON { Array($0) }
    }

    /// Calls `body` with the compact JSON the object was read as, valid only during the call; nil for an ordinary
    /// object (and `body` is not called).
    @inline(__always)
    func withCompactJSON<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard case .slab(let slab, let row) = extra else { return nil }
        return try slab.withJSON(Int(row), body)
    }

    /// The length of the compact JSON the object was read as, if any.
    var compactJSONCount: Int? {
        guard case .slab(let slab, let row) = extra else { return nil }
        return slab.byteCount(Int(row))
    }

    package init() {}

    package init(_ pairs: [(String, JSONValue)]) {
        members.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    package var count: Int { members.count }
    package var isEmpty: Bool { count == 0 }

    /// Keys in insertion order.
    package var keys: [String] { members.map(\.key) }

    private func position(of key: String) -> Int? {
        switch extra {
        case .index(let index): return index[key]
        case .slab: return members.firstIndex { $0.key == key }
        case nil: return storage.firstIndex { $0.key == key }
        }
    }

    package subscript(key: String) -> JSONValue? {
        get {
            if case .slab = extra {
                let members = self.members
                return members.firstIndex { $0.key == key }.map { members[$0].value }
            }
            return position(of: key).map { storage[$0].value }
        }
        set {
            materialize()
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
    package var entries: [(key: String, value: JSONValue)] {
        members.map { ($0.key, $0.value) }
    }

    package var values: [JSONValue] { members.map(\.value) }

    /// Whether `body` holds for every member, visited in order and stopping at the first false.
    package func allMembers(_ body: (String, JSONValue) throws -> Bool) rethrows -> Bool {
        for m in members where try !body(m.key, m.value) { return false }
        return true
    }

    /// Visits the members in order without building an array of them (serialization's hot path).
    package func forEach(_ body: (String, JSONValue) throws -> Void) rethrows {
        for m in members { try body(m.key, m.value) }
    }

    /// The object whose compact JSON is `compactJSON`, as a reader wrote it while scanning its source: it must be
    /// exactly what serializing the object gives (an object, no spaces, keys once each). Serializing copies it;
    /// the members are parsed from it the first time something reads them. Lookups walk the members (no index).
    package init(compactJSON: [UInt8]) {
        extra = .slab(compactJSON.withUnsafeBufferPointer { CompactSlab.single(copying: $0) }, row: 0)
    }

    /// The same from bytes the caller keeps (copied).
    package init(compactJSON: UnsafeBufferPointer<UInt8>) {
        extra = .slab(CompactSlab.single(copying: compactJSON), row: 0)
    }

    /// Object `row` of `slab`, read as `init(compactJSON:)` reads its bytes.
    package init(slab: CompactSlab, row: Int) {
        extra = .slab(slab, row: UInt32(row))
    }

    package func contains(_ key: String) -> Bool { position(of: key) != nil }
}

extension JSONObject: Equatable {
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for m in lhs.members {
            guard let other = rhs[m.key], other == m.value else { return false }
        }
        return true
    }
}

extension JSONObject: Hashable {
    package func hash(into hasher: inout Hasher) {
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
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        members.reserveCapacity(elements.count)
        for (k, v) in elements { self[k] = v }
    }
}
