/// jsonata-js's post-parse stage: flattens `.` into paths of steps, turns `[..]` into predicates and stages,
/// binds `@`/`#` variables to steps, resolves `%` (parent) into tuple bindings and marks tail calls.
struct ASTProcessor {
    private var ancestorLabel = 0
    private var ancestorIndex = 0
    private var ancestry: [Slot] = []

    @discardableResult
    private mutating func seekParent(_ node: Node, _ slotIn: Slot) throws(PendingError) -> Slot {
        var slot = slotIn
        switch node.kind {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let existing = node.ancestor {
                    ancestry[slot.index].label = existing.label
                    node.ancestor = slot
                } else {
                    node.ancestor = slot
                }
                node.tuple = true
            }
        case .parent:
            slot.level += 1
        case .block:
            if let last = node.expressions.last {
                node.tuple = true
                slot = try seekParent(last, slot)
            }
        case .path:
            node.tuple = true
            var index = node.steps.count - 1
            slot = try seekParent(node.steps[index], slot)
            index -= 1
            while slot.level > 0, index >= 0 {
                slot = try seekParent(node.steps[index], slot)
                index -= 1
            }
        default:
            throw PendingError("S0217", position: node.position, token: "\(node.kind)")
        }
        return slot
    }

    private func pushAncestry(_ result: Node, _ value: Node) {
        if value.seekingParent != nil || value.kind == .parent {
            var slots = value.seekingParent ?? []
            if value.kind == .parent, let s = value.slot { slots.append(s) }
            if result.seekingParent == nil {
                result.seekingParent = slots
            } else {
                result.seekingParent! += slots
            }
        }
    }

    private mutating func resolveAncestry(_ path: Node) throws(PendingError) {
        let last = path.steps[path.steps.count - 1]
        var slots = last.seekingParent ?? []
        if last.kind == .parent, let s = last.slot { slots.append(s) }
        for s in slots {
            var slot = s
            var index = path.steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    if path.seekingParent == nil {
                        path.seekingParent = [slot]
                    } else {
                        path.seekingParent!.append(slot)
                    }
                    break
                }
                var step = path.steps[index]
                index -= 1
                while index >= 0, step.focus != nil, path.steps[index].focus != nil {
                    step = path.steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }

    private func tailCallOptimize(_ expr: Node) -> Node {
        switch expr.kind {
        case .function where expr.predicate == nil:
            let thunk = Node(.lambda, position: expr.position)
            thunk.thunk = true
            thunk.body = expr
            return thunk
        case .condition:
            if let t = expr.then { expr.then = tailCallOptimize(t) }
            if let e = expr.otherwise { expr.otherwise = tailCallOptimize(e) }
            return expr
        case .block:
            if let last = expr.expressions.last {
                expr.expressions[expr.expressions.count - 1] = tailCallOptimize(last)
            }
            return expr
        default:
            return expr
        }
    }

    mutating func process(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        switch expr.kind {
        case .binary:
            result = try processBinary(expr)
        case .unary:
            result = try processUnary(expr)
        case .function, .partial:
            result = try processCall(expr)
        case .lambda:
            result = Node(.lambda, position: expr.position)
            result.params = expr.params
            result.signature = expr.signature
            let body = try process(expr.body!)
            result.body = tailCallOptimize(body)
        case .condition:
            result = try processCondition(expr)
        case .transform:
            result = Node(.transform, position: expr.position)
            result.pattern = try process(expr.pattern!)
            result.update = try process(expr.update!)
            if let d = expr.delete { result.delete = try process(d) }
        case .block:
            result = try processBlock(expr)
        case .name:
            result = Node(.path, position: expr.position)
            result.steps = [expr]
            if expr.keepArray { result.keepSingletonArray = true }
        case .parent:
            result = Node(.parent, position: expr.position)
            let slot = Slot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
            ancestorLabel += 1
            ancestorIndex += 1
            result.slot = slot
            ancestry.append(slot)
        case .string, .number, .value, .wildcard, .descendant, .variable, .regex:
            result = expr
        case .operator:
            if expr.value == "and" || expr.value == "or" || expr.value == "in" {
                expr.kind = .name
                result = try process(expr)
            } else if expr.value == "?" {
                result = expr
            } else {
                throw PendingError("S0201", position: expr.position, token: expr.value)
            }
        case .end:
            throw PendingError("S0207", position: expr.position, token: expr.value)
        default:
            throw PendingError("S0206", position: expr.position, token: expr.value)
        }
        if expr.keepArray { result.keepArray = true }
        return result
    }

    /// An array or object constructor, or a prefix operator (`-1` folded to a number).
    private mutating func processUnary(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = Node(.unary, expr.value, position: expr.position)
        if expr.value == "[" {
            for item in expr.expressions {
                let value = try process(item)
                pushAncestry(result, value)
                result.expressions.append(value)
            }
        } else if expr.value == "{" {
            for (k, v) in expr.pairs {
                let key = try process(k)
                pushAncestry(result, key)
                let value = try process(v)
                pushAncestry(result, value)
                result.pairs.append((key, value))
            }
        } else {
            let operand = try process(expr.expression!)
            if expr.value == "-", operand.kind == .number, case .number(let d) = operand.literal {
                result = operand
                result.literal = .number(-d)
            } else {
                result.expression = operand
                pushAncestry(result, operand)
            }
        }
        return result
    }

    /// `a ? b : c`.
    private mutating func processCondition(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = Node(.condition, position: expr.position)
        result.condition = try process(expr.condition!)
        pushAncestry(result, result.condition!)
        result.then = try process(expr.then!)
        pushAncestry(result, result.then!)
        if let e = expr.otherwise {
            result.otherwise = try process(e)
            pushAncestry(result, result.otherwise!)
        }
        return result
    }

    /// `( a; b )`: whether it needs a frame of its own.
    private mutating func processBlock(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = Node(.block, position: expr.position)
        for item in expr.expressions {
            let part = try process(item)
            pushAncestry(result, part)
            if part.consarray || (part.kind == .path && part.steps[0].consarray) { result.consarray = true }
            result.expressions.append(part)
        }
        result.needsFrame = result.expressions.contains { $0.bindsInScope }
        return result
    }

    /// A call or a partial application.
    private mutating func processCall(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = Node(expr.kind, expr.value, position: expr.position)
        for arg in expr.arguments {
            let a = try process(arg)
            pushAncestry(result, a)
            result.arguments.append(a)
        }
        result.procedure = try process(expr.procedure!)
        return result
    }

    private mutating func processBinary(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        switch expr.value {
        case ".":
            result = try processPath(expr)
        case "[":
            result = try processPredicate(expr)
        case "{":
            result = try processGroup(expr)
        case "^":
            result = try processSort(expr)
        case ":=":
            result = Node(.bind, expr.value, position: expr.position)
            result.lhs = try process(expr.lhs!)
            result.rhs = try process(expr.rhs!)
            pushAncestry(result, result.rhs!)
        case "@":
            result = try processFocus(expr)
        case "#":
            result = try processIndex(expr)
        case "~>":
            result = Node(.apply, expr.value, position: expr.position)
            result.lhs = try process(expr.lhs!)
            result.rhs = try process(expr.rhs!)
        default:
            result = Node(.binary, expr.value, position: expr.position)
            result.lhs = try process(expr.lhs!)
            result.rhs = try process(expr.rhs!)
            pushAncestry(result, result.lhs!)
            pushAncestry(result, result.rhs!)
        }
        return result
    }

    /// `a.b`: the steps of a path, flattened, with their parent slots resolved.
    private mutating func processPath(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        let lstep = try process(expr.lhs!)
        if lstep.kind == .path {
            result = lstep
        } else {
            result = Node(.path, position: lstep.position)
            result.steps = [lstep]
        }
        if lstep.kind == .parent, let s = lstep.slot { result.seekingParent = [s] }
        let rest = try process(expr.rhs!)
        if rest.kind == .path {
            result.steps += rest.steps
        } else {
            if let p = rest.predicate {
                rest.stages = p
                rest.predicate = nil
            }
            result.steps.append(rest)
        }
        for step in result.steps {
            if step.kind == .number || step.kind == .value {
                throw PendingError("S0213", position: step.position, value: step.literal, hasValue: true)
            }
            if step.kind == .string { step.kind = .name }
        }
        if result.steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
        let first = result.steps[0]
        if first.kind == .unary, first.value == "[" { first.consarray = true }
        let last = result.steps[result.steps.count - 1]
        if last.kind == .unary, last.value == "[" { last.consarray = true }
        try resolveAncestry(result)
        return result
    }

    /// `a[...]`: a predicate (or a stage, on a path step).
    private mutating func processPredicate(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = try process(expr.lhs!)
        var step = result
        var isStages = false
        if result.kind == .path {
            step = result.steps[result.steps.count - 1]
            isStages = true
        }
        if step.group != nil { throw PendingError("S0209", position: expr.position) }
        let predicate = try process(expr.rhs!)
        if let seeking = predicate.seekingParent {
            for slot in seeking {
                if slot.level == 1 {
                    try seekParent(step, slot)
                } else {
                    slot.level -= 1
                }
            }
            pushAncestry(step, predicate)
        }
        let stage = Node.Stage(isIndex: false, expr: predicate, variable: "", position: expr.position)
        if isStages {
            step.stages = (step.stages ?? []) + [stage]
        } else {
            step.predicate = (step.predicate ?? []) + [stage]
        }
        return result
    }

    /// `a{...}`: grouping on a path.
    private mutating func processGroup(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = try process(expr.lhs!)
        if result.group != nil { throw PendingError("S0210", position: expr.position) }
        var pairs: [(Node, Node)] = []
        for (k, v) in expr.pairs { pairs.append((try process(k), try process(v))) }
        result.group = (pairs, expr.position)
        return result
    }

    /// `a^(...)`: an order-by step.
    private mutating func processSort(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = try process(expr.lhs!)
        if result.kind != .path {
            let path = Node(.path, position: result.position)
            path.steps = [result]
            result = path
        }
        let sortStep = Node(.sort, position: expr.position)
        for term in expr.terms {
            let e = try process(term.expr)
            pushAncestry(sortStep, e)
            sortStep.terms.append((term.descending, e))
        }
        result.steps.append(sortStep)
        try resolveAncestry(result)
        return result
    }

    /// `a@$v`: the context variable binding.
    private mutating func processFocus(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = try process(expr.lhs!)
        var step = result
        if result.kind == .path { step = result.steps[result.steps.count - 1] }
        if step.stages != nil || step.predicate != nil { throw PendingError("S0215", position: expr.position) }
        if step.kind == .sort { throw PendingError("S0216", position: expr.position) }
        if expr.keepArray { step.keepArray = true }
        step.focus = expr.rhs!.value
        step.tuple = true
        return result
    }

    /// `a#$i`: the positional variable binding.
    private mutating func processIndex(_ expr: Node) throws(PendingError) -> Node {
        var result: Node
        result = try process(expr.lhs!)
        var step = result
        if result.kind == .path {
            step = result.steps[result.steps.count - 1]
        } else {
            let path = Node(.path, position: result.position)
            path.steps = [result]
            result = path
            if let p = step.predicate {
                step.stages = p
                step.predicate = nil
            }
        }
        if step.stages == nil {
            step.index = expr.rhs!.value
        } else {
            step.stages!.append(
                Node.Stage(isIndex: true, expr: nil, variable: expr.rhs!.value, position: expr.position)
            )
        }
        step.tuple = true
        return result
    }
}
