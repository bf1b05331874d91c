import Synchronization

/// An object's compact JSON as a reader wrote it (a CSV row, a worker's result), and its members once something asked
/// for them.
///
/// A Distributed Map mostly hands its items on whole (a batch goes down a pipe as JSON): building 28 strings and an
/// array per row only to serialize and free them was most of sluice's share of a CSV run. The bytes live in the
/// object's own allocation (a `ManagedBuffer`), not in an array beside it: a row or a result is one allocation to
/// make and one to free. The second allocation was half of the CSV reader's time in `sluice-bench json-walks`
/// (making and freeing 227,000 rows: 0.21–0.25 s, 0.10 s with one).
///
/// Parsed at most once. The bytes never change after `make`; the members, filled in by whichever thread reads them
/// first, are reached only under one of `stripes`' locks (a `Mutex` cannot live in a buffer's header).
final class CompactObject: ManagedBuffer<CompactObject.Header, UInt8> {
    struct Header {
        /// How many bytes of JSON follow (the buffer's capacity may be more).
        let count: Int
        var members: [JSONObject.Member]?
    }

    /// Locks for the members of every compact object, picked by address: rows are read on few threads at once.
    private static let stripes = (0..<64).map { _ in Stripe() }

    private final class Stripe: Sendable {
        let lock = Mutex(())
    }

    /// A new object holding a copy of `json`, an object's compact JSON.
    static func make(copying json: UnsafeBufferPointer<UInt8>) -> CompactObject {
        let buffer = create(minimumCapacity: json.count) { _ in Header(count: json.count, members: nil) }
        let object = unsafeDowncast(buffer, to: CompactObject.self)
        if let source = json.baseAddress, !json.isEmpty {
            object.withUnsafeMutablePointerToElements { $0.initialize(from: source, count: json.count) }
        }
        return object
    }

    /// The length of the JSON; set before the object is shared and never changed, so read without a lock.
    var count: Int {
        withUnsafeMutablePointerToHeader { $0.pointer(to: \.count)!.pointee }
    }

    /// Calls `body` with the JSON, valid only during the call.
    func withJSON<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let count = self.count
        return try withUnsafeMutablePointerToElements { try body(UnsafeBufferPointer(start: $0, count: count)) }
    }

    var members: [JSONObject.Member] {
        let address = UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque())
        return Self.stripes[Int((address >> 5) & 63)].lock.withLock { _ in
            withUnsafeMutablePointerToHeader { header in
                if let cached = header.pointee.members { return cached }
                let members: [JSONObject.Member]
                if case .object(let object) = try? JSONParser.parse(bytes: withJSON { Array($0) }) {
                    members = object.members
                } else {
                    // The builder promised an object's JSON; nothing sluice writes breaks that.
                    assertionFailure("compact JSON that is not an object")
                    members = []
                }
                header.pointee.members = members
                return members
            }
        }
    }
}
