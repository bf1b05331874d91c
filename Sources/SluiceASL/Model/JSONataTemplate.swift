import SluiceJSON

/// A JSONata state's field value (`Arguments`, `Output`, `Assign`, `Items`, `ItemSelector`, ...): JSON whose
/// strings of the form `{% expression %}`, at any depth of objects and arrays, are evaluated. Keys are never
/// evaluated.
package indirect enum JSONataTemplate: Sendable, Hashable {
    case constant(JSONValue)
    case query(JSONataQuery)
    case object([JSONataTemplateField])
    case array([JSONataTemplate])

    /// The query when the whole field is one expression (`"Items": "{% ... %}"`).
    package var query: JSONataQuery? {
        if case .query(let q) = self { return q }
        return nil
    }
}

/// One member of an object template.
package struct JSONataTemplateField: Sendable, Hashable {
    package var key: String
    package var value: JSONataTemplate

    package init(key: String, value: JSONataTemplate) {
        self.key = key
        self.value = value
    }
}
