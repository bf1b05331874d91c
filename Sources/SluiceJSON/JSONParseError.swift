/// Why a text is not a JSON document, with the byte offset where reading stopped.
package struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    package let message: String
    package let offset: Int

    package init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) at offset \(offset)" }
}
