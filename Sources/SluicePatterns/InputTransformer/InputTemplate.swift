import SluiceJSON

/// An `InputTemplate`, cut once into literal text and `<placeholder>`s, each placeholder knowing where it stands.
///
/// EventBridge treats two kinds of template differently (recorded against AWS):
///
/// - A **JSON-object template** (first non-blank character `{`) is JSON with placeholders in it. A placeholder
///   standing as a value becomes the value's JSON (strings quoted and escaped; a missing value `""`); a placeholder
///   inside a string literal is replaced by the raw text of a string, number or boolean, and by the JSON text of an
///   object or array, whose quotes then break the string. The result must be valid JSON, or the event is dropped.
/// - Any **other template** (usually a JSON string such as `"instance <id> is <state>"`, or plain text) is text:
///   strings, numbers and booleans go in as raw text, objects and arrays as their JSON with every quote removed
///   (`{key:value}`), and the result is delivered as it is.
///
/// In both kinds a missing value (a path that selects nothing, or a JSON null) renders as nothing. Values are never
/// escaped inside strings, as AWS documents. The template's own text, spacing and line breaks included, is kept.
package struct InputTemplate: Sendable, Hashable {
    /// Where a placeholder stands, which decides how its value is written.
    enum Position: Sendable, Hashable {
        /// A JSON-object template, outside any string literal: the value's JSON.
        case jsonValue
        /// A JSON-object template, inside a string literal: raw text, objects and arrays as JSON.
        case jsonString
        /// A text template: raw text, objects and arrays as JSON without quotes.
        case text
    }

    /// A stretch of the template.
    enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(name: String, position: Position)
    }

    /// The template as written.
    package let text: String
    /// Whether this is a JSON-object template, whose result must be valid JSON.
    package let isJSONObject: Bool
    let parts: [Part]

    /// Parses a template. Any text is a template; which placeholders are allowed is checked by `InputTransformer`.
    ///
    /// A placeholder is `<name>` where the name uses the characters of map keys and predefined variables
    /// (`A-Z a-z 0-9 _ - .`); any other `<` is text.
    package init(_ text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        let isJSONObject = bytes.first { !Self.isBlank($0) } == UInt8(ascii: "{")
        self.isJSONObject = isJSONObject
        var parts: [Part] = []
        var literalStart = 0
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let end = Self.placeholderEnd(bytes, from: index) {
                if literalStart < index {
                    parts.append(.literal(String(decoding: bytes[literalStart..<index], as: UTF8.self)))
                }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                let position: Position = isJSONObject ? (inString ? .jsonString : .jsonValue) : .text
                parts.append(.placeholder(name: name, position: position))
                index = end + 1
                literalStart = index
                continue
            }
            // Only a JSON-object template has string literals to track; an escaped character never ends one.
            if isJSONObject {
                if inString, byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString.toggle() }
            }
            index += 1
        }
        if literalStart < bytes.count {
            parts.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self)))
        }
        self.parts = parts
    }

    /// The placeholder names in the order they first appear.
    package var placeholderNames: [String] {
        var names: [String] = []
        for case .placeholder(let name, _) in parts where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// Fills the placeholders with `value(name)` (nil for a variable that was not created); nil when a JSON-object
    /// template does not come out as valid JSON.
    func render(_ value: (String) -> JSONValue?) -> String? {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for part in parts {
            switch part {
            case .literal(let literal):
                out += literal
            case .placeholder(let name, let position):
                Self.write(value(name), at: position, to: &out)
            }
        }
        if isJSONObject, (try? JSONParser.parse(out)) == nil { return nil }
        return out
    }

    private static func write(_ value: JSONValue?, at position: Position, to out: inout String) {
        guard let value else {
            // A variable that was not created is an empty string: quoted where a JSON value stands.
            if position == .jsonValue { out += "\"\"" }
            return
        }
        switch (value, position) {
        case (.string(let string), .jsonValue):
            JSONValue.writeString(string, to: &out)
        case (.string(let string), _):
            out += string
        case (.object, .text), (.array, .text):
            // AWS keeps an object or array readable inside a text by dropping its quotes.
            out += value.serialized().filter { $0 != "\"" }
        default:
            out += value.serialized()
        }
    }

    /// The end (`>`) of the placeholder starting at `start` (`<`), or nil when no placeholder starts there.
    private static func placeholderEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        guard index > start + 1, index < bytes.count, bytes[index] == UInt8(ascii: ">") else { return nil }
        return index
    }

    /// Characters of variable names: map keys `[A-Za-z0-9_-]` and the dots of the predefined `aws.events.*`.
    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
