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
    /// A block that binds variables (directly, not inside a lambda or an inner block) gets its own frame;
    /// others evaluate in the enclosing one, which is the same thing and saves an allocation.
    var needsFrame = true
    /// A variable the library binds (`$string`): the library's value, read without hashing its name into the
    /// library's dictionary. Frames below the library's are still searched first: a binding of the name there
    /// (`$string := ...`, a lambda's parameter, a caller's binding) shadows it, as it always does.
    var builtin: JV?
    /// A path whose steps are plain (no sort, stages, focus, index, tuples, and no flags on the path that
    /// change its result): while its steps give single values, no sequence is built (`Evaluator.evaluatePath`).
    var isSimplePath = false
    /// A binary node's operator, decided once: `value` compared with each operator's text, in turn, on every
    /// evaluation cost more than some operators themselves.
    var binaryOperator: BinaryOperator = .other

    enum BinaryOperator {
        case and, or, arithmetic, equal, notEqual, comparison, concatenation, range, `in`, other

        init(_ text: String) {
            switch text {
            case "and": self = .and
            case "or": self = .or
            case "+", "-", "*", "/", "%": self = .arithmetic
            case "=": self = .equal
            case "!=": self = .notEqual
            case "<", "<=", ">", ">=": self = .comparison
            case "&": self = .concatenation
            case "..": self = .range
            case "in": self = .in
            default: self = .other
            }
        }
    }

    /// Sets what the evaluator reads from the finished tree (`builtin`, `isSimplePath`), once the processing
    /// stage has changed it for the last time.
    func finalize() {
        switch kind {
        case .variable where !value.isEmpty:
            builtin = Library.frame.lookup(value)
        case .binary:
            binaryOperator = BinaryOperator(value)
        case .path:
            isSimplePath =
                !keepSingletonArray && group == nil && !tuple && predicate == nil && !keepArray
                && seekingParent == nil && !steps.isEmpty && !steps[0].consarray
                && steps.allSatisfy { step in
                    step.kind != .sort && !step.tuple && step.stages == nil && step.focus == nil
                        && step.index == nil && step.ancestor == nil
                }
        default:
            break
        }
        for child in children { child.finalize() }
    }

    /// The nodes below this one (for the analyses of the processing stage).
    var children: [Node] {
        var out: [Node] = []
        for n in [lhs, rhs, expression, procedure, body, condition, then, otherwise, pattern, update, delete] {
            if let n { out.append(n) }
        }
        out += steps + expressions + arguments
        for (k, v) in pairs { out += [k, v] }
        for t in terms { out.append(t.expr) }
        for s in (predicate ?? []) + (stages ?? []) { if let e = s.expr { out.append(e) } }
        if let g = group { for (k, v) in g.pairs { out += [k, v] } }
        return out
    }

    /// Whether evaluating this subtree may bind a variable in the frame it is evaluated in.
    var bindsInScope: Bool {
        switch kind {
        case .bind: return true
        case .lambda, .block: return false
        case .function, .partial:
            if let p = procedure, p.kind == .variable, p.value == "eval" { return true }
        default: break
        }
        return children.contains { $0.bindsInScope }
    }

    init(_ kind: Kind, _ value: String = "", position: Int) {
        self.kind = kind
        self.value = value
        self.position = position
    }
}
