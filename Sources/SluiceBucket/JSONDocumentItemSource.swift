import SluiceJSON

/// The elements of the array in a JSON file (or at its ItemsPointer), read one element at a time.
///
/// The document is never built whole: the reader walks the bytes down the pointer, skipping sibling values by
/// scanning, then delimits each element of the target and parses just that element. A target that is an object
/// yields one item per member, `{"Key": name, "Value": value}`. After the last element the rest of the document is
/// scanned so trailing garbage still fails the reader, as parsing the whole file would.
///
/// Limit: with a key repeated in one object, the pointer follows the first occurrence (a whole-document parser
/// would keep the last).
final class JSONDocumentItemSource: FailOnceItemSource {
    private enum Phase {
        case navigate
        case elements(first: Bool)
        case members(first: Bool)
        case finishing
        case done
    }

    private let window: ByteWindow
    private let location: ObjectLocation
    private let pointer: JSONPointer?
    private var phase = Phase.navigate
    private var position = 0
    /// The start of a value being delimited, kept in the window across refills.
    private var mark: Int?
    /// The closing bytes of the containers entered, innermost last.
    private var closers: [UInt8] = []
    private var itemIndex = 0
    var failure: ItemReaderError?

    init(window: ByteWindow, location: ObjectLocation, pointer: JSONPointer?) {
        self.window = window
        self.location = location
        self.pointer = pointer
    }

    func produce(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        var items: [JSONValue] = []
        while items.count < count, let item = try nextItem() { items.append(item) }
        return items
    }

    private func nextItem() throws(ItemReaderError) -> JSONValue? {
        while true {
            switch phase {
            case .navigate:
                try navigate()
            case .elements(let first):
                guard try separate(first: first, closer: UInt8(ascii: "]")) else {
                    phase = .finishing
                    continue
                }
                phase = .elements(first: false)
                itemIndex += 1
                return try parseValue()
            case .members(let first):
                guard try separate(first: first, closer: UInt8(ascii: "}")) else {
                    phase = .finishing
                    continue
                }
                phase = .members(first: false)
                itemIndex += 1
                let key = try readKey()
                var pair = JSONObject()
                pair["Key"] = .string(key)
                pair["Value"] = try parseValue()
                return .object(pair)
            case .finishing:
                try finish()
                phase = .done
            case .done:
                return nil
            }
        }
    }

    // MARK: - Walking down the pointer

    private func navigate() throws(ItemReaderError) {
        if position == 0 && window.offset == 0 { try skipByteOrderMark() }
        let tokens = pointer?.tokens ?? []
        for (depth, token) in tokens.enumerated() {
            let here = JSONPointer.describe(tokens.prefix(depth))
            switch try peekValueStart() {
            case UInt8(ascii: "{"):
                position += 1
                closers.append(UInt8(ascii: "}"))
                guard try findMember(token) else {
                    throw pointerError("the object at \(here) has no member \(ItemReaderError.quoted(token))")
                }
            case UInt8(ascii: "["):
                guard let index = JSONPointer.index(token) else {
                    throw pointerError(
                        "the value at \(here) is an array, and \(ItemReaderError.quoted(token)) is not an index"
                    )
                }
                position += 1
                closers.append(UInt8(ascii: "]"))
                guard try findElement(index) else {
                    throw pointerError("the array at \(here) has no element \(index)")
                }
            case let b:
                throw pointerError(
                    "the value at \(here) is \(Self.kind(b)), which has no \(ItemReaderError.quoted(token))"
                )
            }
        }
        switch try peekValueStart() {
        case UInt8(ascii: "["):
            position += 1
            phase = .elements(first: true)
        case UInt8(ascii: "{"):
            position += 1
            phase = .members(first: true)
        case let b:
            let place = pointer.map { "the value at ItemsPointer \($0)" } ?? "the JSON file"
            throw location.error(
                "Attempting to map over non-iterable node: \(place) is \(Self.kind(b)), not an array or object"
            )
        }
    }

    /// Moves to the value of member `name` of the object just entered; false when it has none.
    private func findMember(_ name: String) throws(ItemReaderError) -> Bool {
        var first = true
        while try separate(first: first, closer: UInt8(ascii: "}")) {
            first = false
            if try readKey() == name { return true }
            try skipValue()
        }
        return false
    }

    /// Moves to element `index` of the array just entered; false when it is shorter.
    private func findElement(_ index: Int) throws(ItemReaderError) -> Bool {
        var seen = 0
        while try separate(first: seen == 0, closer: UInt8(ascii: "]")) {
            if seen == index { return true }
            try skipValue()
            seen += 1
        }
        return false
    }

    /// The rest of the document after the target: every enclosing container must close and nothing may follow.
    private func finish() throws(ItemReaderError) {
        while let closer = closers.popLast() {
            while try separate(first: false, closer: closer) {
                if closer == UInt8(ascii: "}") { _ = try readKey() }
                try skipValue()
            }
        }
        if try skipWhitespace() != nil {
            throw malformed("unexpected data after the JSON document", at: position)
        }
    }

    // MARK: - Tokens

    /// Before an element or member: false at the container's closer (consumed), true when one follows
    /// (the comma, unless `first`, is consumed).
    private func separate(first: Bool, closer: UInt8) throws(ItemReaderError) -> Bool {
        guard let b = try skipWhitespace() else {
            throw malformed("the JSON ends inside an array or object", at: position)
        }
        if b == closer {
            position += 1
            return false
        }
        if first { return true }
        guard b == UInt8(ascii: ",") else {
            throw malformed("expected ',' or '\(Character(Unicode.Scalar(closer)))'", at: position)
        }
        position += 1
        return true
    }

    /// A member name and its colon.
    private func readKey() throws(ItemReaderError) -> String {
        guard try skipWhitespace() == UInt8(ascii: "\"") else { throw malformed("expected a string key", at: position) }
        let value = try parseValue()
        guard case .string(let key) = value else { throw malformed("expected a string key", at: position) }
        guard try skipWhitespace() == UInt8(ascii: ":") else { throw malformed("expected ':'", at: position) }
        position += 1
        return key
    }

    private func peekValueStart() throws(ItemReaderError) -> UInt8 {
        guard let b = try skipWhitespace() else {
            throw malformed("the JSON ends where a value should start", at: position)
        }
        return b
    }

    /// The next byte that is not whitespace, left unconsumed; nil at the end of the content.
    private func skipWhitespace() throws(ItemReaderError) -> UInt8? {
        while true {
            guard try available() else { return nil }
            let b = window.bytes[position]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return b
            }
        }
    }

    /// True when `window.bytes[position]` exists, refilling (and keeping any marked value) as needed.
    private func available() throws(ItemReaderError) -> Bool {
        while position >= window.count {
            let (shift, grew) = try window.refill(keepingFrom: mark ?? position)
            position -= shift
            if let m = mark { mark = m - shift }
            if !grew { return false }
        }
        return true
    }

    /// Delimits the value at the cursor and moves past it; the range is valid until the next refill.
    ///
    /// With `keeping` false the value's bytes are let go as the scan passes them, so skipping a sibling of any
    /// size costs no memory.
    private func delimitValue(keeping: Bool) throws(ItemReaderError) -> Range<Int> {
        guard try skipWhitespace() != nil else {
            throw malformed("the JSON ends where a value should start", at: position)
        }
        let start = position
        if keeping { mark = position }
        defer { mark = nil }
        var scanner = JSONValueScanner()
        while true {
            guard try available() else {
                guard scanner.endsAtEndOfContent else { throw malformed("the JSON ends inside a value", at: position) }
                break
            }
            do {
                if let end = try scanner.scan(window.bytes, from: position, to: window.count) {
                    position = end
                    break
                }
            } catch {
                let byte = Character(Unicode.Scalar(window.bytes[error.offset]))
                throw malformed("unexpected character '\(byte)'", at: error.offset)
            }
            position = window.count
            if let mark, position - mark > ByteWindow.maximumItemSize {
                throw location.error("item \(itemIndex) is larger than 8 MiB, the most Step Functions reads")
            }
        }
        return keeping ? mark!..<position : start..<start
    }

    private func skipValue() throws(ItemReaderError) {
        _ = try delimitValue(keeping: false)
    }

    private func parseValue() throws(ItemReaderError) -> JSONValue {
        let range = try delimitValue(keeping: true)
        do {
            return try JSONParser.parse(bytes: window.array(range))
        } catch {
            throw malformed(error.message, at: range.lowerBound + error.offset)
        }
    }

    private func skipByteOrderMark() throws(ItemReaderError) {
        while window.count < 3 && !window.isAtEnd { _ = try window.refill(keepingFrom: 0) }
        let b = window.bytes
        if window.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { position = 3 }
    }

    // MARK: - Messages

    private func malformed(_ message: String, at index: Int) -> ItemReaderError {
        location.error("the JSON is malformed at byte \(window.offset + index): \(message)")
    }

    private func pointerError(_ message: String) -> ItemReaderError {
        location.error("ItemsPointer \(pointer?.description ?? ""): \(message)")
    }

    private static func kind(_ first: UInt8) -> String {
        switch first {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        default: "a number"
        }
    }
}
