import Synchronization

/// The compact JSON of many objects in one allocation (the rows of one CSV read), each object a `JSONObject` that
/// names the slab and its place in it.
///
/// A `CompactObject` per row was one allocation for the reader to make and one for the interpreter to free, on
/// another thread, long after, when the row's memory was cold: the free alone cost more than writing the row. A
/// slab is made once per read (up to 10,000 rows) and freed once, when its last row goes.
///
/// A row keeps its whole slab alive: the reader's rows are all handed on and dropped together, batch by batch, so
/// a slab lives about as long as its rows would have.
///
/// Read-only once made, except the members parsed for a row the first time something reads them, kept under a lock.
package final class CompactSlab: @unchecked Sendable {
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Object `i` is `bytes[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    private let ends: [Int]
    private let parsed = Mutex<[Int: [JSONObject.Member]]>([:])

    /// A slab of the objects in `bytes`, which it now owns (allocated with `UnsafeMutablePointer.allocate`), ending
    /// where `ends` says.
    package init(adopting bytes: UnsafeMutablePointer<UInt8>, ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    deinit { bytes.deallocate() }

    /// How many objects it holds.
    package var objectCount: Int { ends.count }

    /// The length of object `i`'s JSON.
    @inline(__always)
    func byteCount(_ i: Int) -> Int {
        ends[i] - (i == 0 ? 0 : ends[i - 1])
    }

    /// Calls `body` with object `i`'s JSON, valid only during the call.
    @inline(__always)
    func withJSON<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        return try body(UnsafeBufferPointer(start: bytes + start, count: ends[i] - start))
    }

    /// Object `i`'s members, parsed the first time they are asked for.
    func members(_ i: Int) -> [JSONObject.Member] {
        if let cached = parsed.withLock({ $0[i] }) { return cached }
        let members: [JSONObject.Member]
        if case .object(let object) = try? JSONParser.parse(bytes: withJSON(i) { Array($0) }) {
            members = object.members
        } else {
            // The writer promised objects' JSON; nothing sluice writes breaks that.
            assertionFailure("compact JSON that is not an object")
            members = []
        }
        // Two threads may parse the same row at once; both get the same members, and the first one kept wins.
        return parsed.withLock { cache in
            if let cached = cache[i] { return cached }
            cache[i] = members
            return members
        }
    }
}
