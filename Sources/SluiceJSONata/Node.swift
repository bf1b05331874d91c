/// A node of the syntax tree, before and after jsonata-js's post-parse processing (which turns `.` and `[`
/// into paths with steps, stages and predicates, and resolves the parent operator into tuple bindings).
final class Node {
    enum Kind {
        case path, binary, unary, name, string, number, value, wildcard, descendant, parent, condition, block
        case bind, regex, function, partial, variable, lambda, apply, transform, sort, `operator`, end
    }

    /// A filter or index stage on a step.
    struct Stage {
        var isIndex: Bool
        var expr: Node?
        var variable: String
        var position: Int
    }

    var kind: Kind
    /// The operator or name text.
    var value: String
    var literal: JV = .null
    var position: Int

    var lhs: Node?
    var rhs: Node?
    var expression: Node?
    var steps: [Node] = []
    var expressions: [Node] = []
    var pairs: [(Node, Node)] = []
    var terms: [(descending: Bool, expr: Node)] = []
    var predicate: [Stage]?
    var stages: [Stage]?
    var group: (pairs: [(Node, Node)], position: Int)?

    var keepArray = false
    var keepSingletonArray = false
    var consarray = false
    var tuple = false
    var focus: String?
    var index: String?
    var ancestor: Slot?
    var seekingParent: [Slot]?
    var slot: Slot?

    var procedure: Node?
    var arguments: [Node] = []
    var params: [String] = []
    var signature: Signature?
    var body: Node?
    var thunk = false
    var condition: Node?
    var then: Node?
    var otherwise: Node?
    var pattern: Node?
    var update: Node?
    var delete: Node?
    var regex: JSRegex?

    init(_ kind: Kind, _ value: String = "", position: Int) {
        self.kind = kind
        self.value = value
        self.position = position
    }
}

/// A parent-operator slot: the variable label the ancestor is bound to and how many levels remain to climb.
final class Slot {
    var label: String
    var level: Int
    let index: Int

    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}
