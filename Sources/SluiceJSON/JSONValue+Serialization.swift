extension JSONValue {
    /// Compact JSON text, the way Step Functions prints documents (no spaces, keys in their order).
    package func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// Compact JSON as UTF-8 bytes: what goes down pipes and into files, built without intermediate strings.
    package func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    /// Appends the compact JSON bytes to `out`.
    package func write(to out: inout [UInt8]) {
        // An object read as compact JSON (a CSV row, a worker's result, each written to a result file on its own)
        // is its bytes: no writer to allocate for it.
        if case .object(let object) = self, object.withCompactJSON({ out.append(contentsOf: $0) }) != nil { return }
        var writer = CompactJSONWriter()
        writer.write(self)
        writer.copy(into: &out)
    }

    /// Indented JSON text for people to read.
    package func prettyPrinted() -> String {
        var out: [UInt8] = []
        writeIndented(to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Arrays and objects one member a line; scalars as the compact writer prints them.
    private func writeIndented(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null, .bool, .int, .double, .string: write(to: &out)
        case .array(let a):
            guard !a.isEmpty else {
                out.append(contentsOf: [0x5B, 0x5D])
                return
            }
            out.append(0x5B)
            for (i, element) in a.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, indent + 1)
                element.writeIndented(to: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out.append(0x5D)
        case .object(let o):
            guard !o.isEmpty else {
                out.append(contentsOf: [0x7B, 0x7D])
                return
            }
            out.append(0x7B)
            for (i, member) in o.members.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, indent + 1)
                JSONValue.writeString(member.key, to: &out)
                out.append(contentsOf: [0x3A, 0x20])
                member.value.writeIndented(to: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out.append(0x7D)
        }
    }

    private func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        for _ in 0..<indent { out.append(contentsOf: [0x20, 0x20]) }
    }

    /// Doubles that hold whole numbers print without a fraction when small enough, as JSON readers expect.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return String(d)
    }

    /// Writes a JSON string literal: quotes, backslashes and control characters escaped, everything else raw.
    package static func writeString(_ s: String, to out: inout [UInt8]) {
        // Native strings are contiguous UTF-8: borrowed as they are, no copy and no retain.
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { writeString(utf8: $0, to: &out) }
        if done == nil {
            var copy = s
            copy.withUTF8 { writeString(utf8: $0, to: &out) }
        }
    }

    /// Writes a JSON string literal holding the UTF-8 `bytes` (JSON text quoted once more, in result files).
    package static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Most strings need no escaping: one copy of the whole string.
        guard JSONEscaping.needsEscaping(bytes) else {
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return
        }
        out.append(0x22)
        var start = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            start = i + 1
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        out.append(0x22)
    }

    /// String form of `writeString`, for callers building text.
    package static func writeString(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
