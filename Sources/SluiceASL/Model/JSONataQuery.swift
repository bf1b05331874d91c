import SluiceJSONata

/// One `{% ... %}` expression of a JSONata state, compiled when the definition is loaded.
///
/// Two queries are the same when their text is: the compiled form is a cache of the text, so a definition compares
/// (and hashes) by what was written.
package struct JSONataQuery: Sendable, Hashable {
    /// The expression between `{%` and `%}`, trimmed, as AWS quotes it in causes.
    package let text: String
    package let expression: JSONataExpression
    /// What the evaluation must bind, read from the text once: names are written out in an expression (`$eval`,
    /// the one way to build one at run time, is withheld), so a name the text lacks is never looked up.
    package let readsContext: Bool
    package let drawsRandom: Bool
    package let callsAWSFunctions: Bool

    package init(text: String, expression: JSONataExpression) {
        self.text = text
        self.expression = expression
        readsContext = text.contains("context") || Self.mentionsWholeStates(text)
        drawsRandom = text.contains("$random") || text.contains("$uuid")
        callsAWSFunctions = ["$partition", "$range", "$hash", "$parse", "$eval"].contains { text.contains($0) }
    }

    package static func == (a: JSONataQuery, b: JSONataQuery) -> Bool { a.text == b.text }
    package func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether `$states` appears other than as `$states.field` (bound to a variable, or passed whole).
    static func mentionsWholeStates(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let name = Array("$states".utf8)
        var i = 0
        while i + name.count <= bytes.count {
            if bytes[i..<(i + name.count)].elementsEqual(name) {
                if i + name.count == bytes.count || bytes[i + name.count] != UInt8(ascii: ".") { return true }
                i += name.count
            } else {
                i += 1
            }
        }
        return false
    }

    /// The expression inside a string that is a whole `{% ... %}` template, or nil for any other string.
    package static func templateBody(_ string: String) -> Substring? {
        guard string.hasPrefix("{%"), string.hasSuffix("%}"), string.utf8.count >= 4 else { return nil }
        return string.dropFirst(2).dropLast(2)
    }
}
