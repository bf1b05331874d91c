import Synchronization

/// The compact JSON of objects a reader wrote while scanning its source (the rows of one CSV read, the results in one
/// worker's answer), back to back in one allocation; each object is a `JSONObject` that names the slab and its place
/// in it, and its members are parsed only if something reads them.
///
/// A Distributed Map mostly hands its items and results on whole (a batch goes down a pipe as JSON, its results into
/// a result file and the journal): building 28 strings and an array per row only to print and free them was most of
/// sluice's share of a CSV run. An allocation per row or result (the `CompactObject` this replaced) was one for the
/// reader to make and one for another thread to free, long after, when its memory was cold: the free alone cost more
/// than writing the row. A slab is made once per read (up to 10,000 rows) or answer, and freed once.
///
/// An object keeps its whole slab alive: a read's rows, like an answer's results, are handed on and dropped
/// together, batch by batch, so a slab lives about as long as its objects would have.
///
/// The bytes never change once the slab is sealed, which is before any of its objects is read. The members parsed
/// for an object the first time something reads them are kept under a lock.
package final class CompactSlab: @unchecked Sendable {
    // Set once, by `seal`, before any object is read; unchecked, as a checked access was a runtime call for every
    // object printed or weighed.
    @exclusivity(unchecked) private var bytes: UnsafeMutablePointer<UInt8>?
    /// Object `i` is `bytes[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    @exclusivity(unchecked) private var ends: [Int] = []
    private let parsed = Mutex<[Int: [JSONObject.Member]]>([:])

    /// A slab of the objects in `bytes`, which it now owns (allocated with `UnsafeMutablePointer.allocate`), ending
    /// where `ends` says.
    package convenience init(adopting bytes: UnsafeMutablePointer<UInt8>, ends: [Int]) {
        self.init()
        seal(adopting: bytes, ends: ends)
    }

    /// A slab whose objects are named (`JSONObject(slab:row:)`) before their bytes are all written (a parser's:
    /// an object is placed in the value it returns as soon as it is scanned). Nothing may read them before `seal`.
    package init() {}

    /// Gives the slab its bytes, once.
    package func seal(adopting bytes: UnsafeMutablePointer<UInt8>, ends: [Int]) {
        precondition(self.bytes == nil, "a slab is sealed once")
        self.bytes = bytes
        self.ends = ends
    }

    /// One object's slab, holding a copy of `json`.
    package static func single(copying json: UnsafeBufferPointer<UInt8>) -> CompactSlab {
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, json.count))
        if let source = json.baseAddress { bytes.initialize(from: source, count: json.count) }
        return CompactSlab(adopting: bytes, ends: [json.count])
    }

    deinit { bytes?.deallocate() }

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
        return try body(UnsafeBufferPointer(start: bytes.unsafelyUnwrapped + start, count: ends[i] - start))
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
