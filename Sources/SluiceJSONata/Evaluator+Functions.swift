extension Evaluator {
    func evaluateFunction(
        _ expr: Node,
        _ input: JV?,
        _ frame: Frame,
        applyTo: JV??
    ) throws(PendingError) -> JV? {
        let procedure = expr.procedure!
        let proc = try eval(procedure, input, frame)
        if proc == nil, procedure.kind == .path, frame.lookup(procedure.steps[0].value) != nil {
            throw PendingError("T1005", position: expr.position, token: procedure.steps[0].value)
        }
        var args: [JV?] = []
        if let applyTo { args.append(applyTo) }
        for a in expr.arguments { args.append(try eval(a, input, frame)) }
        let name = procedure.kind == .path ? procedure.steps[0].value : procedure.value
        do throws(PendingError) {
            return try apply(proc, args, input, frame, token: name, position: expr.position)
        } catch {
            let e = error
            if e.position == nil { e.position = expr.position }
            if e.token == nil { e.token = name }
            throw e
        }
    }

    /// Applies a function, running the trampoline for tail calls (a lambda whose body is a call returns a thunk).
    func apply(
        _ proc: JV?,
        _ args: [JV?],
        _ input: JV?,
        _ frame: Frame,
        token: String? = nil,
        position: Int? = nil
    ) throws(PendingError) -> JV? {
        var result = try applyInner(proc, args, input, frame, token: token, position: position)
        while case .function(let f)? = result, case .lambda(let l) = f.kind, l.thunk {
            let call = l.body
            let callee = call.procedure!
            let next = try eval(callee, l.input, l.frame)
            var evaluated: [JV?] = []
            for a in call.arguments { evaluated.append(try eval(a, l.input, l.frame)) }
            let name = callee.kind == .variable ? callee.value : (callee.kind == .path ? callee.steps[0].value : nil)
            result = try applyInner(next, evaluated, input, frame, token: name, position: callee.position)
        }
        return result
    }

    private func applyInner(
        _ proc: JV?,
        _ args: [JV?],
        _ input: JV?,
        _ frame: Frame,
        token: String?,
        position: Int?
    ) throws(PendingError) -> JV? {
        guard case .function(let f)? = proc else {
            throw PendingError("T1006", position: position, token: token)
        }
        do throws(PendingError) {
            var validated = args
            if let signature = f.signature {
                validated = try signature.validate(args, context: input)
            }
            return try invoke(f, validated, input, frame)
        } catch {
            let e = error
            if e.token == nil { e.token = token }
            if let position { e.position = position }
            throw e
        }
    }

    /// Runs a function on arguments already validated against its signature.
    func invoke(_ f: JFunction, _ args: [JV?], _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        switch f.kind {
        case .lambda(let l):
            let env = Frame(l.frame)
            for (i, p) in l.params.enumerated() { env.bind(p, i < args.count ? args[i] : nil) }
            return try eval(l.body, l.input, env)
        case .native(let n):
            let result = try n.body(CallContext(evaluator: self, input: input, frame: frame), args)
            try chargeResult(result)
            return result
        case .partial(let base, let bound, let holes):
            var full = bound
            for (i, hole) in holes.enumerated() where hole < full.count { full[hole] = i < args.count ? args[i] : nil }
            return try invoke(base, full, input, frame)
        case .regex(let regex):
            guard case .string(let s)? = args.first else { return nil }
            var budget = regexBudget()
            let given = budget
            let result = Matching.matchObject(regex, Array(s.unicodeScalars), from: 0, position: nil, budget: &budget)
            try chargeRegex(given: given, left: budget)
            return result
        case .matchNext(let cursor):
            var budget = regexBudget()
            let given = budget
            let result = try Matching.next(cursor, budget: &budget)
            try chargeRegex(given: given, left: budget)
            return result
        case .transform(let node, let env):
            return try transform(node, env, args.first ?? nil)
        }
    }

    func evaluatePartialApplication(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        var args: [JV?] = []
        var holes: [Int] = []
        for (i, a) in expr.arguments.enumerated() {
            if a.kind == .operator, a.value == "?" {
                holes.append(i)
                args.append(nil)
            } else {
                args.append(try eval(a, input, frame))
            }
        }
        let procedure = expr.procedure!
        let proc = try eval(procedure, input, frame)
        if proc == nil, procedure.kind == .path, frame.lookup(procedure.steps[0].value) != nil {
            throw PendingError("T1007", position: expr.position, token: procedure.steps[0].value)
        }
        guard case .function(let f)? = proc else {
            let name = procedure.kind == .path ? procedure.steps[0].value : procedure.value
            throw PendingError("T1008", position: expr.position, token: name)
        }
        // The partial takes as many arguments as the function declares; missing ones stay undefined.
        while args.count < f.arity { args.append(nil) }
        return .function(JFunction(.partial(f, args, holes)))
    }

    func evaluateApply(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        let lhs = try eval(expr.lhs!, input, frame)
        if expr.rhs!.kind == .function {
            return try evaluateFunction(expr.rhs!, input, frame, applyTo: .some(lhs))
        }
        let fn = try eval(expr.rhs!, input, frame)
        guard case .function(let g)? = fn else {
            throw PendingError("T2006", position: expr.position, value: fn, hasValue: fn != nil)
        }
        if case .function(let f)? = lhs {
            // Function composition: λ($x){ $g($f($x)) }.
            let composed = JFunction.Native(name: "", arity: 1) { ctx, args throws(PendingError) in
                let x = args.first ?? nil
                let inner = try ctx.evaluator.apply(.function(f), [x], nil, ctx.frame)
                return try ctx.evaluator.apply(.function(g), [inner], nil, ctx.frame)
            }
            return .function(JFunction(.native(composed)))
        }
        return try apply(fn, [lhs], nil, frame)
    }

    private func transform(_ expr: Node, _ frame: Frame, _ obj: JV?) throws(PendingError) -> JV? {
        guard let obj else { return nil }
        guard case .function(let clone)? = frame.lookup("clone") else {
            throw PendingError("T2013", position: expr.position)
        }
        let result: JV?
        if case .native(let n) = clone.kind, n.name == "clone" {
            result = Builtins.deepCopy(obj)
        } else {
            result = try apply(.function(clone), [obj], nil, frame)
        }
        guard let matchesValue = try eval(expr.pattern!, result, frame) else { return result }
        let matches: [JV]
        if case .array(let a) = matchesValue { matches = a.items } else { matches = [matchesValue] }
        for match in matches {
            if let update = try eval(expr.update!, match, frame) {
                guard case .object(let u) = update else {
                    throw PendingError("T2011", position: expr.update!.position, value: update)
                }
                if case .object(let m) = match {
                    for (k, v) in u.pairs { m[k] = v }
                }
            }
            if let deleteExpr = expr.delete, let deletions = try eval(deleteExpr, match, frame) {
                let list: [JV]
                if case .array(let a) = deletions { list = a.items } else { list = [deletions] }
                var names: [String] = []
                for d in list {
                    guard case .string(let s) = d else {
                        throw PendingError("T2012", position: deleteExpr.position, value: deletions)
                    }
                    names.append(s)
                }
                if case .object(let m) = match {
                    for n in names { m[n] = nil }
                }
            }
        }
        return result
    }
}
