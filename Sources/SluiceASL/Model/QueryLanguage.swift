/// The query language of a definition or state (`QueryLanguage` field).
package enum QueryLanguage: String, Sendable, Hashable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}
