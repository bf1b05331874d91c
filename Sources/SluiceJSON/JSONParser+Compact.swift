/// Objects read as their compact JSON: a worker's answer carries a batch's results, which mostly go on whole (into a
/// result file, a journal entry, the next request), so building each result's members only to print them again was
/// most of what sluice did with a reply. The scan writes what `CompactJSONWriter` would print for the parsed value
/// (no whitespace, strings escaped its way, numbers as `JSONValue` prints them), so a compact object prints, weighs
/// and compares exactly as the parsed one would.
extension JSONParser {
    /// The most keys an object is checked for repeats in (pairwise); a bigger one is parsed the ordinary way.
    static let compactKeyLimit = 32

    /// The object at `index` as its compact JSON, an object of the parse's slab; parsed the ordinary way when it
    /// repeats a key (whose last value wins, as `parseObject` decides) or has too many to check.
    mutating func parseCompactObject() throws(JSONParseError) -> JSONValue {
        let start = index
        let startDepth = depth
        // Only a parse that keeps objects compact comes here, and such a parse has a builder.
        let builder = compactBuilder.unsafelyUnwrapped
        let written = builder.writer.byteCount
        if try scanCompact(into: &builder.writer) {
            builder.ends.append(builder.writer.byteCount)
            return .object(JSONObject(slab: builder.slab, row: builder.ends.count - 1))
        }
        builder.writer.removeLast(after: written)
        index = start
        depth = startDepth
        // The scan's keys are gone already: each object's scan drops its own on the way out, however it ends.
        // Everything inside is parsed the ordinary way too: a nested object that gave up would give up again at
        // every level above it.
        compactSuspended = true
        defer { compactSuspended = false }
        return try parseObject()
    }

    /// Writes the value at `index`; false when an object in it cannot be kept compact.
    private mutating func scanCompact(into out: inout CompactJSONWriter) throws(JSONParseError) -> Bool {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try scanCompactObject(into: &out)
        case UInt8(ascii: "["): return try scanCompactArray(into: &out)
        case UInt8(ascii: "\""): try scanCompactString(into: &out)
        case UInt8(ascii: "t"): try copyWord("true", into: &out)
        case UInt8(ascii: "f"): try copyWord("false", into: &out)
        case UInt8(ascii: "n"): try copyWord("null", into: &out)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try scanCompactNumber(into: &out)
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
        return true
    }

    private mutating func copyWord(_ word: StaticString, into out: inout CompactJSONWriter) throws(JSONParseError) {
        try expectWord(word)
        out.append(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    private mutating func scanCompactObject(into out: inout CompactJSONWriter) throws(JSONParseError) -> Bool {
        try enter()
        defer { depth -= 1 }
        index += 1
        out.append(byte: 0x7B)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            out.append(byte: 0x7D)
            return true
        }
        let firstKey = compactKeys.count
        defer { compactKeys.removeSubrange(firstKey...) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyStart = out.byteCount
            try scanCompactString(into: &out)
            let key = keyStart..<out.byteCount
            guard compactKeys.count - firstKey < Self.compactKeyLimit else { return false }
            for other in compactKeys[firstKey...] where out.bytesEqual(other, key) { return false }
            compactKeys.append(key)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            out.append(byte: 0x3A)
            skipWhitespace()
            guard try scanCompact(into: &out) else { return false }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                out.append(byte: 0x2C)
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                out.append(byte: 0x7D)
                return true
            }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func scanCompactArray(into out: inout CompactJSONWriter) throws(JSONParseError) -> Bool {
        try enter()
        defer { depth -= 1 }
        index += 1
        out.append(byte: 0x5B)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            out.append(byte: 0x5D)
            return true
        }
        while true {
            skipWhitespace()
            guard try scanCompact(into: &out) else { return false }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                out.append(byte: 0x2C)
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                out.append(byte: 0x5D)
                return true
            }
            throw error("expected ',' or ']'")
        }
    }

    /// Plain ASCII with nothing escaped is copied; anything else is decoded and written again, which escapes it the
    /// writer's way (a `\u00e9` becomes the raw é, a `\/` a plain slash) and repairs invalid UTF-8 as decoding does.
    private mutating func scanCompactString(into out: inout CompactJSONWriter) throws(JSONParseError) {
        let start = index
        var end = index + 1
        while end < bytes.count {
            let b = bytes[end]
            if b == 0x22 || b == 0x5C || b < 0x20 || b >= 0x80 { break }
            end += 1
        }
        if end < bytes.count, bytes[end] == 0x22 {
            bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[start...end])) }
            index = end + 1
            return
        }
        let text = try parseString()
        out.string(text)
    }

    /// An integer of up to 18 digits, or a decimal fraction of up to 15 significant digits with no exponent, no
    /// trailing zero and a magnitude of at least 0.0001, prints as it is written (Swift prints a Double's shortest
    /// round-trip digits, and 15 significant digits always round-trip); any other number is parsed and printed.
    /// False for a number too large for a Double.
    private mutating func scanCompactNumber(into out: inout CompactJSONWriter) throws(JSONParseError) -> Bool {
        let start = index
        var i = index
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        let integerDigits = i - integerStart
        var hasFraction = false
        var fractionDigits = 0
        var fractionStart = i
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            hasFraction = true
            i += 1
            fractionStart = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            fractionDigits = i - fractionStart
        }
        let exponent = i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E"))
        let zeroInteger = integerDigits == 1 && bytes[integerStart] == UInt8(ascii: "0")
        let wellFormedInteger = integerDigits > 0 && (integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0"))
        var verbatim = false
        if wellFormedInteger, !exponent {
            if !hasFraction {
                // "-0" parses to the integer 0.
                verbatim = integerDigits <= 18 && !(zeroInteger && start != integerStart)
            } else if fractionDigits > 0, bytes[i - 1] != UInt8(ascii: "0") {
                var leadingZeros = 0
                while leadingZeros < fractionDigits, bytes[fractionStart + leadingZeros] == UInt8(ascii: "0") {
                    leadingZeros += 1
                }
                let significant = zeroInteger ? fractionDigits - leadingZeros : integerDigits + fractionDigits
                verbatim = significant <= 15 && (!zeroInteger || leadingZeros <= 3)
            }
        }
        if verbatim {
            bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[start..<i])) }
            index = i
            return true
        }
        let number = try parseNumber()
        // Beyond Double's range: the value is an infinity, which prints as null but is not null.
        if case .double(let d) = number, !d.isFinite { return false }
        out.write(number)
        return true
    }
}

extension CompactJSONWriter {
    /// Whether two ranges of what was written hold the same bytes.
    func bytesEqual(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where base[a.lowerBound + k] != base[b.lowerBound + k] { return false }
        return true
    }
}
