/// The compact JSON of the CSV row being parsed, written as its fields are scanned: the reader already knows which
/// cells need no escaping, so a row's JSON costs a few copies here instead of a walk of its object later (every
/// row goes down a pipe to a worker as JSON).
///
/// A class holding raw memory so the parse loop appends with plain stores: no uniqueness or capacity check of an
/// `[UInt8]` per piece (a row is ~60 pieces).
final class RowJSONBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func removeAll() { count = 0 }

    @inline(__always)
    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        var bigger = capacity * 2
        while bigger < count + n { bigger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// `"` + `text` + `"`, for text that needs no escape.
    @inline(__always)
    func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        reserve(text.count + 2)
        base[count] = 0x22
        if let source = text.baseAddress { (base + count + 1).update(from: source, count: text.count) }
        base[count + 1 + text.count] = 0x22
        count += text.count + 2
    }

    func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// What was written, as an array of its own.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
