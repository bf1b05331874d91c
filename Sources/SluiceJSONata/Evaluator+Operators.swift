extension Evaluator {
    func evaluateBinary(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        let op = expr.value
        let kind = expr.binaryOperator
        let lhs = try eval(expr.lhs!, input, frame)
        if kind == .and || kind == .or {
            let l = Builtins.boolean(lhs) ?? false
            if kind == .and {
                if !l { return .bool(false) }
            } else if l {
                return .bool(true)
            }
            return .bool(Builtins.boolean(try eval(expr.rhs!, input, frame)) ?? false)
        }
        let rhs = try eval(expr.rhs!, input, frame)
        do throws(PendingError) {
            switch kind {
            case .arithmetic:
                return try Evaluator.arithmetic(lhs, rhs, op)
            case .equal:
                guard let lhs, let rhs else { return .bool(false) }
                return .bool(Builtins.deepEqual(lhs, rhs))
            case .notEqual:
                guard let lhs, let rhs else { return .bool(false) }
                return .bool(!Builtins.deepEqual(lhs, rhs))
            case .comparison:
                return try Evaluator.compare(lhs, rhs, op)
            case .concatenation:
                let l = try lhs.map { v throws(PendingError) in try Builtins.string(v) } ?? ""
                let r = try rhs.map { v throws(PendingError) in try Builtins.string(v) } ?? ""
                try chargeString(l.utf8.count + r.utf8.count)
                return .string(l + r)
            case .range:
                return try Evaluator.range(lhs, rhs, limit: self)
            case .in:
                guard let lhs, let rhs else { return .bool(false) }
                let items: [JV]
                if case .array(let a) = rhs { items = a.items } else { items = [rhs] }
                return .bool(items.contains { Builtins.strictEqual($0, lhs) })
            case .and, .or, .other:
                return nil
            }
        } catch {
            let e = error
            e.position = expr.position
            e.token = op
            throw e
        }
    }

    static func arithmetic(_ lhs: JV?, _ rhs: JV?, _ op: String) throws(PendingError) -> JV? {
        if let lhs {
            guard case .number(let l) = lhs, try Builtins.isNumeric(l) else { throw PendingError("T2001", value: lhs) }
        }
        if let rhs {
            guard case .number(let r) = rhs, try Builtins.isNumeric(r) else { throw PendingError("T2002", value: rhs) }
        }
        guard case .number(let l) = lhs, case .number(let r) = rhs else { return nil }
        switch op {
        case "+": return .number(l + r)
        case "-": return .number(l - r)
        case "*": return .number(l * r)
        case "/": return .number(l / r)
        default: return .number(l.truncatingRemainder(dividingBy: r))
        }
    }

    static func compare(_ lhs: JV?, _ rhs: JV?, _ op: String) throws(PendingError) -> JV? {
        func comparable(_ v: JV?) -> Bool {
            switch v {
            case nil, .string?, .number?: true
            default: false
            }
        }
        if !comparable(lhs) || !comparable(rhs) {
            let bad: JV?
            switch lhs {
            case .string?, .number?: bad = rhs
            default: bad = lhs
            }
            throw PendingError("T2010", value: bad, hasValue: bad != nil)
        }
        guard let lhs, let rhs else { return nil }
        switch (lhs, rhs) {
        case (.number(let l), .number(let r)):
            switch op {
            case "<": return .bool(l < r)
            case "<=": return .bool(l <= r)
            case ">": return .bool(l > r)
            default: return .bool(l >= r)
            }
        case (.string(let l), .string(let r)):
            let less = Builtins.jsLess(l, r)
            let equal = l == r
            switch op {
            case "<": return .bool(less)
            case "<=": return .bool(less || equal)
            case ">": return .bool(!less && !equal)
            default: return .bool(!less)
            }
        default:
            throw PendingError("T2009", value: lhs, value2: rhs)
        }
    }

    static func range(_ lhs: JV?, _ rhs: JV?, limit: Evaluator? = nil) throws(PendingError) -> JV? {
        if let lhs {
            guard case .number(let l) = lhs, l.rounded() == l, l.isFinite else {
                throw PendingError("T2003", value: lhs)
            }
        }
        if let rhs {
            guard case .number(let r) = rhs, r.rounded() == r, r.isFinite else {
                throw PendingError("T2004", value: rhs)
            }
        }
        guard case .number(let l) = lhs, case .number(let r) = rhs else { return nil }
        if l > r { return nil }
        let size = r - l + 1
        if size > 1e7 { throw PendingError("D2014", value: .number(size)) }
        let start = Int(l)
        let count = Int(size)
        try limit?.chargeItems(count)
        var items: [JV] = []
        items.reserveCapacity(count)
        for i in 0..<count { items.append(.number(Double(start + i))) }
        return .array(JArray(items, sequence: true))
    }

    func evaluateUnary(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        switch expr.value {
        case "-":
            let result = try eval(expr.expression!, input, frame)
            guard let result else { return nil }
            if case .number(let n) = result, try Builtins.isNumeric(n) { return .number(-n) }
            throw PendingError("D1002", position: expr.position, token: expr.value, value: result)
        case "[":
            var result = JArray()
            for item in expr.expressions {
                guard let value = try eval(item, input, frame) else { continue }
                if item.kind == .unary, item.value == "[" {
                    result.items.append(value)
                } else {
                    if case .array(let a) = value {
                        try chargeItems(a.items.count, total: result.items.count + a.items.count)
                    }
                    result = Builtins.appendArrays(.array(result), value)
                }
            }
            if expr.consarray { result.cons = true }
            return .array(result)
        case "{":
            return .object(try evaluateGroup(expr.pairs, expr.position, input, frame))
        default:
            return nil
        }
    }
}
