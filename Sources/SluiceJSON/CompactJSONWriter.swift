import Foundation

/// Writes compact JSON into a buffer it grows itself: the hot path of every request line to a worker and every
/// result record, where appending to an `[UInt8]` byte by byte (a capacity and uniqueness check each time) cost
/// more than the bytes.
struct CompactJSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Appends what was written to `out`.
    func copy(into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    private mutating func bytes(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    private mutating func ascii(_ s: StaticString) {
        bytes(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: ascii("null")
        case .bool(let b): b ? ascii("true") : ascii("false")
        case .int(let i):
            if i >= 0, i < 10 {
                byte(UInt8(48 + i))
            } else {
                var text = String(i)
                text.withUTF8 { bytes($0) }
            }
        case .double(let d):
            var text = JSONValue.format(d)
            text.withUTF8 { bytes($0) }
        case .string(let s): string(s)
        case .array(let elements):
            byte(0x5B)
            elements.withUnsafeBufferPointer { elements in
                for i in elements.indices {
                    if i > 0 { byte(0x2C) }
                    write(elements[i])
                }
            }
            byte(0x5D)
        case .object(let object):
            if let json = object.compactJSON {
                json.withUnsafeBufferPointer { bytes($0) }
                return
            }
            byte(0x7B)
            object.members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    if i > 0 { byte(0x2C) }
                    string(members[i].key)
                    byte(0x3A)
                    write(members[i].value)
                }
            }
            byte(0x7D)
        }
    }

    /// A string literal; native strings are borrowed as they are (no copy, no retain).
    mutating func string(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if done == nil {
            var copy = s
            copy.withUTF8 { escaped($0) }
        }
    }

    private mutating func escaped(_ text: UnsafeBufferPointer<UInt8>) {
        // Most strings are short (keys, CSV cells): copying byte by byte while checking each one beats a separate
        // check and copy. The first byte needing an escape sends the string down the general path.
        if text.count <= 16 {
            reserve(text.count + 2)
            var at = base + count
            at.pointee = 0x22
            at += 1
            var clean = true
            for b in text {
                if b < 0x20 || b == 0x22 || b == 0x5C {
                    clean = false
                    break
                }
                at.pointee = b
                at += 1
            }
            if clean {
                at.pointee = 0x22
                count += text.count + 2
                return
            }
        }
        guard JSONEscaping.needsEscaping(text) else {
            reserve(text.count + 2)
            base[count] = 0x22
            count += 1
            bytes(text)
            base[count] = 0x22
            count += 1
            return
        }
        var slow: [UInt8] = []
        JSONValue.writeEscaped(text, to: &slow)
        slow.withUnsafeBufferPointer { bytes($0) }
    }
}
