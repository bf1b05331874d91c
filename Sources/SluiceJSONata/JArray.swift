/// A JavaScript array with the flags jsonata-js hangs on it.
final class JArray {
    var items: [JV]
    /// A sequence: collapses to its only item, or to undefined when empty, at the end of an evaluation.
    var sequence = false
    var keepSingleton = false
    /// Built by an array constructor: a path does not flatten it.
    var cons = false
    var outerWrapper = false
    /// Items are tuples (objects holding `@` and the bound variables).
    var tupleStream = false

    init(_ items: [JV] = [], sequence: Bool = false) {
        self.items = items
        self.sequence = sequence
    }

    static func seq(_ item: JV? = nil) -> JArray {
        let a = JArray([], sequence: true)
        if let item { a.items.append(item) }
        return a
    }

    var count: Int { items.count }
}
