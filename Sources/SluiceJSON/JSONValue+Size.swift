extension JSONValue {
    /// Whether the compact serialization is longer than `limit` UTF-8 bytes, found without building the text and
    /// stopping as soon as the limit is passed (payload quotas are checked on every state transition).
    package func serializedSize(exceeds limit: Int) -> Bool {
        // Printing a number just to count its characters is most of the walk over numeric data (a batch's results),
        // so numbers are first taken at their longest; only a value that might not fit is weighed exactly.
        var bound = limit
        if fits(&bound, numbersAtMost: true) { return false }
        var budget = limit
        return !fits(&budget, numbersAtMost: false)
    }

    /// The longest text `format` gives a Double ("-2.2250738585072014e-308") and an Int ("-9223372036854775808").
    private static let longestDouble = 24
    private static let longestInt = 20

    private func fits(_ budget: inout Int, numbersAtMost: Bool = false) -> Bool {
        switch self {
        case .null: budget -= 4
        case .bool(let b): budget -= b ? 4 : 5
        case .int(let i): budget -= numbersAtMost ? Self.longestInt : String(i).utf8.count
        case .double(let d): budget -= numbersAtMost ? Self.longestDouble : JSONValue.format(d).utf8.count
        case .string(let s): budget -= JSONValue.escapedSize(s)
        case .array(let a):
            budget -= 2 + max(0, a.count - 1)
            let within = a.withUnsafeBufferPointer { elements in
                for i in elements.indices where budget < 0 || !elements[i].fits(&budget, numbersAtMost: numbersAtMost) {
                    return false
                }
                return true
            }
            if !within { return false }
        case .object(let o):
            if let count = o.compactJSONCount {
                budget -= count
                return budget >= 0
            }
            budget -= 2 + max(0, o.count - 1)
            let within = o.members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    budget -= JSONValue.escapedSize(members[i].key) + 1
                    if budget < 0 || !members[i].value.fits(&budget, numbersAtMost: numbersAtMost) { return false }
                }
                return true
            }
            if !within { return false }
        }
        return budget >= 0
    }

    /// The length of a string literal as `writeString` prints it.
    static func escapedSize(_ s: String) -> Int {
        // Native strings are contiguous UTF-8: borrowed as they are, no copy and no retain.
        if let n = s.utf8.withContiguousStorageIfAvailable(escapedSize(bytes:)) { return n }
        var copy = s
        return copy.withUTF8(escapedSize(bytes:))
    }

    private static func escapedSize(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 2 + bytes.count
        guard JSONEscaping.needsEscaping(bytes) else { return n }
        for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C {
            switch b {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: n += 1
            default: n += 5
            }
        }
        return n
    }
}

extension JSONValue {
    /// The length in UTF-8 bytes of the compact serialization, computed without building it (ItemBatcher's
    /// MaxInputBytesPerBatch weighs every item).
    package var serializedByteCount: Int {
        let start = Int.max / 2
        var budget = start
        _ = fits(&budget)
        return start - budget
    }
}
