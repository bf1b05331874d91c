import SluiceJSONata

/// One `{% ... %}` expression of a JSONata state, compiled when the definition is loaded.
///
/// Two queries are the same when their text is: the compiled form is a cache of the text, so a definition compares
/// (and hashes) by what was written.
package struct JSONataQuery: Sendable, Hashable {
    /// The expression between `{%` and `%}`, trimmed, as AWS quotes it in causes.
    package let text: String
    package let expression: JSONataExpression

    package init(text: String, expression: JSONataExpression) {
        self.text = text
        self.expression = expression
    }

    package static func == (a: JSONataQuery, b: JSONataQuery) -> Bool { a.text == b.text }
    package func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The expression inside a string that is a whole `{% ... %}` template, or nil for any other string.
    package static func templateBody(_ string: String) -> Substring? {
        guard string.hasPrefix("{%"), string.hasSuffix("%}"), string.utf8.count >= 4 else { return nil }
        return string.dropFirst(2).dropLast(2)
    }
}
