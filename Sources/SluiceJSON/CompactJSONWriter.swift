/// Writes compact JSON into a buffer it grows itself: the hot path of every request line to a worker and every
/// result record, where appending to an `[UInt8]` byte by byte (a capacity and uniqueness check each time) cost
/// more than the bytes. Public so a reader that scans an item's bytes anyway (a CSV row) writes the item's JSON
/// with it as it parses.
package struct CompactJSONWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var count = 0
    /// False while writing into a caller's buffer (`writingBytes`), which is not ours to free or outgrow in place.
    @usableFromInline var ownsBase = true

    package init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    private init(borrowing buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
        ownsBase = false
    }

    deinit { if ownsBase { base.deallocate() } }

    /// The bytes `body` writes, as an array written in place when they fit in `expectedCount` (a request line of
    /// ~250 KB was written into a growing buffer, then copied out whole: a third of its cost). More than that is
    /// still right, only slower.
    package static func writingBytes(
        expectedCount: Int,
        _ body: (inout CompactJSONWriter) -> Void
    ) -> [UInt8] {
        var spilled: [UInt8]?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(16, expectedCount)) { buffer, initialized in
            var writer = CompactJSONWriter(borrowing: buffer)
            body(&writer)
            if writer.ownsBase {
                // Outgrew the array: what was written moved to a buffer of the writer's own.
                spilled = writer.bytes
                initialized = 0
            } else {
                initialized = writer.count
            }
        }
        return spilled ?? bytes
    }

    /// The number of bytes written.
    package var byteCount: Int { count }

    /// What was written, as an array of its own.
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with what was written, valid only during the call.
    package func withWrittenBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Forgets what was written, keeping the memory.
    package mutating func removeAll() { count = 0 }

    /// Forgets what was written after the first `n` bytes.
    package mutating func removeLast(after n: Int) {
        precondition(n <= count, "cannot keep more than was written")
        count = n
    }

    /// Hands over what was written in a buffer the caller now owns (and frees with `deallocate`), and starts again
    /// empty: what a slab of rows is made of. A buffer mostly filled is handed over as it is, with no copy, and a new
    /// one of `nextCapacity` bytes made; what was written into a buffer much larger than it is copied out at its
    /// size instead, and the writer keeps its buffer.
    package mutating func takeWritten(nextCapacity: Int) -> UnsafeMutablePointer<UInt8> {
        defer { count = 0 }
        guard ownsBase, capacity <= 2 * count + 4096 else {
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
            copy.initialize(from: base, count: count)
            return copy
        }
        let written = base
        capacity = max(16, nextCapacity)
        base = .allocate(capacity: capacity)
        return written
    }

    /// Appends what was written to `out`.
    func copy(into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    @inlinable @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        if ownsBase { base.deallocate() }
        base = moved
        capacity = bigger
        ownsBase = true
    }

    /// Appends one byte as it is.
    @inlinable @inline(__always)
    package mutating func append(byte b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Appends bytes as they are (JSON text already written).
    @inlinable
    package mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    /// Appends an object member whose key part (`"key":`, with its `{` or `,`) is `prefix` and whose value is the
    /// string `value`, which needs no escape (printable ASCII without `"` or `\`): a CSV row's cell.
    ///
    /// Both sources are copied sixteen bytes at a time and may be read up to 15 bytes past their ends, so callers
    /// pass only buffers with that much readable after them (the reader's window, its padded prefix table). A cell
    /// is a few bytes: a call to memcpy for each of the two copies cost more than the copies.
    @inlinable @inline(__always)
    package mutating func plainMember(
        prefix: UnsafePointer<UInt8>,
        prefixCount: Int,
        value: UnsafePointer<UInt8>,
        valueCount: Int
    ) {
        reserve(prefixCount + valueCount + 2 + 32)
        var at = UnsafeMutableRawPointer(base + count)
        Self.copySixteens(from: UnsafeRawPointer(prefix), to: at, count: prefixCount)
        at += prefixCount
        at.storeBytes(of: 0x22, as: UInt8.self)
        at += 1
        Self.copySixteens(from: UnsafeRawPointer(value), to: at, count: valueCount)
        at += valueCount
        at.storeBytes(of: 0x22, as: UInt8.self)
        count += prefixCount + valueCount + 2
    }

    /// Copies `count` bytes sixteen at a time (at least sixteen, whatever `count`).
    @inlinable @inline(__always)
    static func copySixteens(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count: Int) {
        var k = 0
        repeat {
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self),
                toByteOffset: k,
                as: SIMD16<UInt8>.self
            )
            k &+= 16
        } while k < count
    }

    private mutating func ascii(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends `value` as compact JSON.
    package mutating func write(_ value: JSONValue) {
        switch value {
        case .null: ascii("null")
        case .bool(let b): b ? ascii("true") : ascii("false")
        case .int(let i):
            if i >= 0, i < 10 {
                append(byte: UInt8(48 + i))
            } else {
                var text = String(i)
                text.withUTF8 { append($0) }
            }
        case .double(let d):
            var text = JSONValue.format(d)
            text.withUTF8 { append($0) }
        case .string(let s): string(s)
        case .array(let elements):
            append(byte: 0x5B)
            elements.withUnsafeBufferPointer { elements in
                for i in elements.indices {
                    if i > 0 { append(byte: 0x2C) }
                    write(elements[i])
                }
            }
            append(byte: 0x5D)
        case .object(let object):
            if object.withCompactJSON({ append($0) }) != nil { return }
            append(byte: 0x7B)
            object.members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    if i > 0 { append(byte: 0x2C) }
                    string(members[i].key)
                    append(byte: 0x3A)
                    write(members[i].value)
                }
            }
            append(byte: 0x7D)
        }
    }

    /// A string literal; native strings are borrowed as they are (no copy, no retain).
    package mutating func string(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { string(utf8: $0) }
        if done == nil {
            var copy = s
            copy.withUTF8 { string(utf8: $0) }
        }
    }

    /// A string literal holding the valid UTF-8 `text`, escaped where JSON requires it.
    @inlinable
    package mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
        // Most strings are short (keys, CSV cells): copying byte by byte while checking each one beats a separate
        // check and copy. The first byte needing an escape sends the string down the general path.
        if text.count <= 16 {
            reserve(text.count + 2)
            var at = base + count
            at.pointee = 0x22
            at += 1
            var clean = true
            // Indexed, not `for b in text`: called from another module, the iterator was not inlined (a call per byte).
            if let source = text.baseAddress {
                for k in 0..<text.count {
                    let b = source[k]
                    if b < 0x20 || b == 0x22 || b == 0x5C {
                        clean = false
                        break
                    }
                    at[k] = b
                }
                at += text.count
            }
            if clean {
                at.pointee = 0x22
                count += text.count + 2
                return
            }
        }
        longString(utf8: text)
    }

    @usableFromInline
    mutating func longString(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard JSONEscaping.needsEscaping(text) else {
            reserve(text.count + 2)
            base[count] = 0x22
            count += 1
            append(text)
            base[count] = 0x22
            count += 1
            return
        }
        var slow: [UInt8] = []
        JSONValue.writeString(utf8: text, to: &slow)
        slow.withUnsafeBufferPointer { append($0) }
    }
}
