#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sliding window over an object's decoded bytes.
///
/// Parsers keep indices into `bytes` and call `refill(keepingFrom:)` when they reach `count` in the middle of an
/// item: the bytes before the item are dropped and a new chunk is appended. Memory therefore stays at about one
/// chunk plus the largest item, whatever the object's size.
final class ByteWindow {
    /// How much is read at a time.
    static let chunkSize = 1 << 20
    /// Bytes allocated past the capacity and never filled: a scanner may load a block of up to 64 bytes that starts
    /// before `count` and ends past it (what it finds there is not content, and it must not use it).
    static let slop = 64
    /// The largest item Step Functions reads from a file ("an item of up to 8 MB"); a longer row, line or element is
    /// an error rather than unbounded memory.
    static let maximumItemSize = 8 << 20

    private let source: any ByteSource
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Valid bytes are `bytes[0..<count]`.
    private(set) var count = 0
    /// Offset in the decoded content of `bytes[0]`, for messages.
    private(set) var offset = 0
    /// True once the source has no more bytes.
    private(set) var isAtEnd = false

    init(source: any ByteSource) {
        self.source = source
        capacity = 2 * Self.chunkSize
        bytes = .allocate(capacity: capacity + Self.slop)
        // Zeroed once, so a word read past `count` reads defined bytes.
        bytes.initialize(repeating: 0, count: capacity + Self.slop)
    }

    deinit {
        bytes.deallocate()
    }

    /// Drops the bytes before `keep` and reads more after the rest.
    ///
    /// Returns how far the kept bytes moved down (subtract it from every index held), and whether any bytes arrived.
    func refill(keepingFrom keep: Int) throws(ItemReaderError) -> (shift: Int, grew: Bool) {
        guard !isAtEnd else { return (0, false) }
        if keep > 0 {
            if keep < count { memmove(bytes, bytes + keep, count - keep) }
            count -= keep
            offset += keep
        }
        if capacity - count < Self.chunkSize / 2 {
            // The kept item is itself large: grow rather than read in slivers.
            let newCapacity = max(capacity * 2, count + Self.chunkSize)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slop)
            grown.initialize(from: bytes, count: count)
            (grown + count).initialize(repeating: 0, count: newCapacity + Self.slop - count)
            bytes.deallocate()
            bytes = grown
            capacity = newCapacity
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: bytes + count, count: capacity - count))
        if n == 0 {
            isAtEnd = true
            return (keep, false)
        }
        count += n
        return (keep, true)
    }

    /// Copies `range` out, for a parser that needs the bytes as an array.
    func array(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count))
    }

    /// Decodes `range` as UTF-8 (invalid sequences become U+FFFD).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count), as: UTF8.self)
    }
}
