/// Why a request's XML body could not be read (S3 answers MalformedXML).
package struct XMLReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String
}

/// Reads the small XML documents AWS clients send as request bodies into `XMLElement`s.
///
/// Only what those bodies use: a declaration, comments, elements with attributes, text, CDATA, the five named
/// entities and character references. A document type declaration is refused outright, so no entity can expand
/// (the "billion laughs") and nothing outside the body is ever read. Elements nest at most `maximumDepth` deep.
package enum XMLReader {
    package static let maximumDepth = 32

    /// The document's root element.
    package static func parse(_ bytes: [UInt8]) throws(XMLReaderError) -> XMLElement {
        var cursor = Cursor(bytes: bytes)
        try cursor.skipMisc()
        guard cursor.peek == UInt8(ascii: "<") else { throw cursor.failure("no root element") }
        let root = try cursor.element(depth: 0)
        try cursor.skipMisc()
        guard cursor.atEnd else { throw cursor.failure("content after the root element") }
        return root
    }
}

extension XMLReader {
    fileprivate struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func failure(_ what: String) -> XMLReaderError {
            XMLReaderError(description: "malformed XML at byte \(index): \(what)")
        }

        func starts(with text: String) -> Bool {
            let needle = Array(text.utf8)
            return index + needle.count <= bytes.count && bytes[index..<index + needle.count].elementsEqual(needle)
        }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        /// Moves past `terminator`, or fails with `what` when it never comes.
        mutating func skip(past terminator: String, _ what: String) throws(XMLReaderError) {
            let needle = Array(terminator.utf8)
            while index + needle.count <= bytes.count {
                if bytes[index..<index + needle.count].elementsEqual(needle) {
                    index += needle.count
                    return
                }
                index += 1
            }
            throw failure(what)
        }

        /// Space, the declaration, processing instructions and comments before or after the root.
        mutating func skipMisc() throws(XMLReaderError) {
            while true {
                skipSpace()
                if starts(with: "<?") {
                    try skip(past: "?>", "an unterminated processing instruction")
                } else if starts(with: "<!--") {
                    try skip(past: "-->", "an unterminated comment")
                } else if starts(with: "<!") {
                    throw failure("document type declarations are not accepted")
                } else {
                    return
                }
            }
        }

        mutating func name() throws(XMLReaderError) -> String {
            let start = index
            while let byte = peek, !Self.endsName(byte) { index += 1 }
            guard index > start, let text = String(validating: bytes[start..<index], as: UTF8.self) else {
                throw failure("an element name was expected")
            }
            // The local name: `s3:Key` and `Key` are the same field.
            return text.split(separator: ":").last.map(String.init) ?? text
        }

        static func endsName(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
        }

        /// An element starting at its `<`.
        mutating func element(depth: Int) throws(XMLReaderError) -> XMLElement {
            guard depth < XMLReader.maximumDepth else { throw failure("elements nest too deep") }
            index += 1
            let opened = try name()
            if try attributes() { return XMLElement(name: opened) }
            var element = XMLElement(name: opened)
            var text: [UInt8] = []
            while true {
                guard let byte = peek else { throw failure("<\(opened)> is never closed") }
                if byte != UInt8(ascii: "<") {
                    text += try characters()
                } else if starts(with: "</") {
                    index += 2
                    guard try name() == opened else { throw failure("<\(opened)> is closed by another element") }
                    skipSpace()
                    guard peek == UInt8(ascii: ">") else { throw failure("'>' expected after </\(opened)") }
                    index += 1
                    guard let decoded = String(validating: text, as: UTF8.self) else {
                        throw failure("the text of <\(opened)> is not UTF-8")
                    }
                    element.text = decoded
                    return element
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>", "an unterminated CDATA section")
                    text += bytes[start..<index - 3]
                } else if starts(with: "<!--") {
                    try skip(past: "-->", "an unterminated comment")
                } else if starts(with: "<?") {
                    try skip(past: "?>", "an unterminated processing instruction")
                } else if starts(with: "<!") {
                    throw failure("declarations are not accepted inside elements")
                } else {
                    element.children.append(try self.element(depth: depth + 1))
                }
            }
        }

        /// Reads past the attributes up to the tag's end; true when the element closed itself (`<a/>`).
        mutating func attributes() throws(XMLReaderError) -> Bool {
            while true {
                skipSpace()
                guard let byte = peek else { throw failure("an unterminated tag") }
                if byte == UInt8(ascii: ">") {
                    index += 1
                    return false
                }
                if starts(with: "/>") {
                    index += 2
                    return true
                }
                _ = try name()
                skipSpace()
                guard peek == UInt8(ascii: "=") else { throw failure("'=' expected after an attribute name") }
                index += 1
                skipSpace()
                guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw failure("a quoted attribute value was expected")
                }
                index += 1
                while let inside = peek, inside != quote { index += 1 }
                guard peek == quote else { throw failure("an unterminated attribute value") }
                index += 1
            }
        }

        /// Text up to the next `<`, references decoded.
        mutating func characters() throws(XMLReaderError) -> [UInt8] {
            var out: [UInt8] = []
            while let byte = peek, byte != UInt8(ascii: "<") {
                if byte == UInt8(ascii: "&") {
                    out += try reference()
                } else {
                    out.append(byte)
                    index += 1
                }
            }
            return out
        }

        mutating func reference() throws(XMLReaderError) -> [UInt8] {
            let start = index + 1
            guard let semicolon = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw failure("an unterminated reference")
            }
            let body = String(decoding: bytes[start..<semicolon], as: UTF8.self)
            index = semicolon + 1
            switch body {
            case "lt": return [UInt8(ascii: "<")]
            case "gt": return [UInt8(ascii: ">")]
            case "amp": return [UInt8(ascii: "&")]
            case "quot": return [UInt8(ascii: "\"")]
            case "apos": return [UInt8(ascii: "'")]
            default: break
            }
            let value: UInt32?
            if body.hasPrefix("#x") {
                value = UInt32(body.dropFirst(2), radix: 16)
            } else if body.hasPrefix("#") {
                value = UInt32(body.dropFirst(), radix: 10)
            } else {
                throw failure("unknown entity &\(body);")
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
                throw failure("an invalid character reference &\(body);")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
