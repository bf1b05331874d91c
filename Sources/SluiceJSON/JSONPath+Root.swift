extension JSONPath {
    /// The document a path written in a state machine reads from.
    package enum Root: Hashable, Sendable {
        /// `$...`: the state's input (or the effective input, depending on the field).
        case input
        /// `$$...`: the context object.
        case context
        /// `$name...`: a workflow variable.
        case variable(String)
    }

    /// Splits a path as written in a definition into the document it reads and a `$`-rooted path into that document.
    ///
    /// `"$$.Execution.Id"` gives `(.context, "$.Execution.Id")`, `"$var.a"` gives `(.variable("var"), "$.a")`,
    /// `"$.x"` gives `(.input, "$.x")`; `"$"` and `"$$"` select the whole input and context object. Variable names
    /// are letters, digits and underscores. Nil when the text is not one of these forms; the remainder is not
    /// parsed here.
    package static func splitRoot(_ text: String) -> (root: Root, path: String)? {
        let scalars = text.unicodeScalars
        guard scalars.first == "$" else { return nil }
        let afterDollar = scalars.index(after: scalars.startIndex)
        guard afterDollar < scalars.endIndex else { return (.input, "$") }

        let root: Root
        let rest: Substring.UnicodeScalarView
        switch scalars[afterDollar] {
        case ".", "[":
            return (.input, text)
        case "$":
            root = .context
            rest = Substring(text).unicodeScalars[scalars.index(after: afterDollar)...]
        default:
            var end = afterDollar
            while end < scalars.endIndex, isVariableNameScalar(scalars[end]) { end = scalars.index(after: end) }
            guard end > afterDollar else { return nil }
            root = .variable(String(scalars[afterDollar..<end]))
            rest = Substring(text).unicodeScalars[end...]
        }
        guard let first = rest.first else { return (root, "$") }
        guard first == "." || first == "[" else { return nil }
        return (root, "$" + String(rest))
    }

    private static func isVariableNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }
}
