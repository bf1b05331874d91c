/// Walks a processed tree the way jsonata-js's `evaluate` does, with a depth limit and a step budget so that
/// runaway recursion or loops end in an error rather than a crash.
final class Evaluator {
    let environment: JSONataEnvironment
    private var depth = 0
    private var steps = 0
    /// The stack address where the evaluation began: the recursion stops before it has used
    /// `environment.maxStackBytes` below it, whatever the size of the thread's stack frames (debug builds use
    /// several times what release builds do).
    private var stackBase = 0
    /// Units charged to `environment.maxAllocation` so far.
    private var allocated = 0
    /// Frames a function was bound in (`$f := function…`): the function's lambda holds its defining frame, which
    /// then holds the function, a cycle of references nothing else breaks. Emptied when the evaluation ends.
    private var framesHoldingFunctions: [Frame] = []

    init(environment: JSONataEnvironment) {
        self.environment = environment
        stackBase = Evaluator.stackAddress()
    }

    /// A string of `length` UTF-8 bytes is about to be built: within the string limit and the allocation budget?
    func chargeString(_ length: Int) throws(PendingError) {
        if length > environment.maxStringLength {
            throw PendingError(
                "U1002",
                text:
                    "Invalid string length: the result would have \(length) characters, more than the \(environment.maxStringLength) allowed"
            )
        }
        try charge(length)
    }

    /// An array of `count` items is about to be built (`total`: the length it grows to, when it grows in parts).
    func chargeItems(_ count: Int, total: Int? = nil) throws(PendingError) {
        if (total ?? count) > environment.maxArrayLength {
            throw PendingError(
                "U1003",
                text:
                    "Invalid array length: the result would have \(total ?? count) items, more than the \(environment.maxArrayLength) allowed"
            )
        }
        try charge(count.multipliedReportingOverflow(by: 16).partialValue)
    }

    /// A value built by a function: strings and arrays count against the limits.
    func chargeResult(_ value: JV?) throws(PendingError) {
        switch value {
        case .string(let s)?: try chargeString(s.utf8.count)
        case .array(let a)?: try chargeItems(a.items.count)
        default: break
        }
    }

    private func charge(_ units: Int) throws(PendingError) {
        allocated = allocated.addingReportingOverflow(units).partialValue
        if allocated > environment.maxAllocation || allocated < 0 {
            throw PendingError(
                "U1004",
                text:
                    "Memory budget exceeded: the expression built more than \(environment.maxAllocation) bytes of strings and arrays"
            )
        }
    }

    @inline(never)
    static func stackAddress() -> Int {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { Int(bitPattern: $0) }
    }

    func eval(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        try enter(expr)
        defer { depth -= 1 }
        let result = try evaluateNode(expr, input, frame)
        if expr.predicate == nil, expr.group == nil, !expr.keepArray, !(result?.isArray ?? false) { return result }
        return try finish(expr, result, frame)
    }

    private func enter(_ expr: Node) throws(PendingError) {
        depth += 1
        steps += 1
        // Shallow evaluations (nearly all) skip the stack probe.
        if depth > environment.maxDepth
            || (depth > 16 && stackBase - Evaluator.stackAddress() > environment.maxStackBytes)
        {
            throw PendingError(
                "U1001",
                position: expr.position,
                text:
                    "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."
            )
        }
        if steps > environment.maxSteps || (steps & 1023 == 0 && environment.outOfTime?() == true) {
            throw Self.timeout(position: expr.position)
        }
    }

    private static func timeout(position: Int?) -> PendingError {
        PendingError("U1001", position: position, text: "Expression evaluation timeout: Check for infinite loop")
    }

    /// The steps a regex search may take: its own budget, or what is left of the evaluation's when that is less.
    /// The searches' steps count against `maxSteps` too, or an expression calling a backtracking regex in a loop
    /// would run for hours with each search within its own budget.
    func regexBudget() -> Int {
        min(JSRegex.searchBudget, max(0, environment.maxSteps - steps))
    }

    /// Charges a search given `given` steps that left `left` (-1 when it ran out): the evaluation times out when
    /// its budget is spent, or its clock says so.
    func chargeRegex(given: Int, left: Int) throws(PendingError) {
        steps += given - left
        if steps > environment.maxSteps || environment.outOfTime?() == true {
            throw Self.timeout(position: nil)
        }
    }

    /// One node, without its predicates, grouping or the collapsing of sequences. Each case is a call, so the
    /// frame of this function (which every level of recursion pays for) stays small.
    private func evaluateNode(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        switch expr.kind {
        case .path: return try evaluatePath(expr, input, frame)
        case .binary: return try evaluateBinary(expr, input, frame)
        case .unary: return try evaluateUnary(expr, input, frame)
        case .name: return Builtins.lookup(input, expr.value)
        case .string, .number, .value: return expr.literal
        case .wildcard: return evaluateWildcard(input)
        case .descendant: return evaluateDescendants(input)
        case .parent: return frame.lookup(expr.slot!.label)
        case .condition: return try evaluateCondition(expr, input, frame)
        case .block: return try evaluateBlock(expr, input, frame)
        case .bind: return try evaluateBind(expr, input, frame)
        case .regex: return .function(JFunction(.regex(expr.regex!)))
        case .function: return try evaluateFunction(expr, input, frame, applyTo: nil)
        case .variable: return evaluateVariable(expr, input, frame)
        case .lambda: return evaluateLambda(expr, input, frame)
        case .partial: return try evaluatePartialApplication(expr, input, frame)
        case .apply: return try evaluateApply(expr, input, frame)
        case .transform: return .function(JFunction(.transform(expr, frame), signature: Signature.transform))
        case .sort, .operator, .end: return nil
        }
    }

    private func evaluateCondition(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        let condition = try eval(expr.condition!, input, frame)
        if Builtins.boolean(condition) == true { return try eval(expr.then!, input, frame) }
        if let e = expr.otherwise { return try eval(e, input, frame) }
        return nil
    }

    private func evaluateBlock(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        let inner = expr.needsFrame ? Frame(frame) : frame
        var result: JV?
        for e in expr.expressions { result = try eval(e, input, inner) }
        return result
    }

    private func evaluateBind(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        let value = try eval(expr.rhs!, input, frame)
        frame.bind(expr.lhs!.value, value)
        if case .function? = value { framesHoldingFunctions.append(frame) }
        return value
    }

    /// Ends the evaluation: the frames functions were bound in let go of their bindings, so that they and the
    /// functions are freed (LeakSanitizer found every `$f := function…` leaking them). Nothing evaluates in them
    /// afterwards: a function in the result becomes undefined when it is converted to JSON.
    func releaseFrames() {
        for frame in framesHoldingFunctions { frame.unbindAll() }
        framesHoldingFunctions = []
    }

    private func evaluateVariable(_ expr: Node, _ input: JV?, _ frame: Frame) -> JV? {
        if !expr.value.isEmpty {
            if let builtin = expr.builtin { return frame.lookup(expr.value, builtin: builtin) }
            return frame.lookup(expr.value)
        }
        if case .array(let a) = input, a.outerWrapper { return a.items.first }
        return input
    }

    private func evaluateLambda(_ expr: Node, _ input: JV?, _ frame: Frame) -> JV? {
        let lambda = JFunction.Lambda(
            input: input,
            frame: frame,
            params: expr.params,
            body: expr.body!,
            thunk: expr.thunk
        )
        return .function(JFunction(.lambda(lambda), signature: expr.signature))
    }

    /// Predicates, grouping, and the collapsing of a sequence to its only item or to undefined.
    private func finish(_ expr: Node, _ value: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        var result = value
        if let predicates = expr.predicate {
            for p in predicates { result = .array(try evaluateFilter(p.expr!, result, frame)) }
        }
        if expr.kind != .path, let group = expr.group {
            result = .object(try evaluateGroup(group.pairs, group.position, result, frame))
        }
        if case .array(let a) = result, a.sequence, !a.tupleStream {
            if expr.keepArray { a.keepSingleton = true }
            if a.items.isEmpty {
                result = nil
            } else if a.items.count == 1, !a.keepSingleton {
                result = a.items[0]
            }
        }
        return result
    }

    // MARK: - Paths

    /// A step's result inside a path: an existing array (kept as it is, flags and all) or the items of a new
    /// sequence, not yet wrapped (most steps' results are only read by the next step).
    private enum StepResult {
        case array(JArray)
        case items([JV])

        var items: [JV] {
            switch self {
            case .array(let a): a.items
            case .items(let i): i
            }
        }

        var isEmpty: Bool {
            switch self {
            case .array(let a): a.items.isEmpty
            case .items(let i): i.isEmpty
            }
        }

        var array: JArray {
            switch self {
            case .array(let a): a
            case .items(let i): JArray(i, sequence: true)
            }
        }
    }

    private func evaluatePath(_ expr: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JV? {
        var current: StepResult
        var result: StepResult?
        var start = 0
        if expr.isSimplePath, expr.steps[0].kind == .variable || !(input?.isArray ?? false) {
            // Each step runs once, on the single value the step before gave (as the general loop below would,
            // on one-item sequences), until a step gives undefined (the path's result), the last step a value
            // (the path's result: its one-item sequence collapses to it), or a step an array (its items, as
            // `evaluateStep` gathers them, go on through the general loop).
            let steps = expr.steps
            var value = input
            var i = 0
            while true {
                guard let v = try eval(steps[i], value, frame) else { return nil }
                let last = i == steps.count - 1
                guard case .array(let a) = v else {
                    if last { return v }
                    value = v
                    i += 1
                    continue
                }
                if !a.cons { try chargeItems(a.items.count, total: a.items.count) }
                if last, !a.sequence {
                    result = .array(a)
                } else if a.cons {
                    result = .items([v])
                } else {
                    result = .items(a.items)
                }
                current = result!
                // An empty result ends the path there, as in the loop below.
                start = result!.isEmpty ? steps.count : i + 1
                break
            }
        } else if case .array(let a) = input, expr.steps[0].kind != .variable {
            current = .array(a)
        } else {
            current = .items(input.map { [$0] } ?? [])
        }
        // jsonata-js keeps an undefined input as a one-item sequence [undefined]; steps then see undefined.
        let undefinedInput = input == nil
        var isTupleStream = false
        var tupleBindings: JArray?
        for i in start..<expr.steps.count {
            let step = expr.steps[i]
            if step.tuple { isTupleStream = true }
            if i == 0, step.consarray {
                let r = try eval(step, .array(current.array), frame)
                if case .array(let a) = r { result = .array(a) } else { result = .items(r.map { [$0] } ?? []) }
            } else if isTupleStream {
                tupleBindings = try evaluateTupleStep(
                    step,
                    current.array,
                    tupleBindings,
                    frame,
                    undefinedInput: i == 0 && undefinedInput
                )
            } else {
                result = try evaluateStep(
                    step,
                    current,
                    frame,
                    lastStep: i == expr.steps.count - 1,
                    undefinedInput: i == 0 && undefinedInput
                )
            }
            if !isTupleStream, result == nil || result!.isEmpty { break }
            if step.focus == nil, let r = result { current = r }
        }
        var resultSequence: JArray?
        if isTupleStream {
            if expr.tuple {
                resultSequence = tupleBindings
            } else {
                let r = JArray.seq()
                for t in tupleBindings?.items ?? [] {
                    if case .object(let o) = t, let v = o["@"] { r.items.append(v) }
                }
                resultSequence = r
            }
        } else {
            resultSequence = result?.array
        }
        if expr.keepSingletonArray, var r = resultSequence {
            if r.cons, !r.sequence {
                let s = JArray.seq(.array(r))
                r = s
            }
            r.keepSingleton = true
            resultSequence = r
        }
        if let group = expr.group {
            let groupInput: JV? = isTupleStream ? tupleBindings.map { .array($0) } : resultSequence.map { .array($0) }
            return .object(try evaluateGroup(group.pairs, group.position, groupInput, frame))
        }
        return resultSequence.map { .array($0) }
    }

    private func evaluateStep(
        _ expr: Node,
        _ input: StepResult,
        _ frame: Frame,
        lastStep: Bool,
        undefinedInput: Bool
    ) throws(PendingError) -> StepResult {
        if expr.kind == .sort {
            var result = try evaluateSort(expr, input.array, frame)
            if let stages = expr.stages { result = try evaluateStages(stages, result, frame) }
            return .array(result)
        }
        // Results are flattened into one sequence as they come; a last step whose only result is an array
        // (not a sequence) returns that array itself.
        var out: [JV] = []
        var count = 0
        var only: JArray?
        func run(_ item: JV?) throws(PendingError) {
            var res = try eval(expr, item, frame)
            if let stages = expr.stages {
                for s in stages where !s.isIndex { res = .array(try evaluateFilter(s.expr!, res, frame)) }
            }
            guard let res else { return }
            count += 1
            if case .array(let a) = res {
                if count == 1, !a.sequence { only = a }
                if a.cons {
                    out.append(res)
                } else {
                    // A path over arrays multiplies their sizes in a few steps: bounded as it grows.
                    try chargeItems(a.items.count, total: out.count + a.items.count)
                    out.append(contentsOf: a.items)
                }
            } else {
                out.append(res)
            }
        }
        if undefinedInput {
            try run(nil)
        } else {
            switch input {
            case .array(let a): for item in a.items { try run(item) }
            case .items(let items): for item in items { try run(item) }
            }
        }
        if lastStep, count == 1, let only { return .array(only) }
        return .items(out)
    }

    private func evaluateStages(_ stages: [Node.Stage], _ input: JArray, _ frame: Frame) throws(PendingError) -> JArray
    {
        var result = input
        for stage in stages {
            if stage.isIndex {
                for (i, t) in result.items.enumerated() {
                    if case .object(let o) = t { o[stage.variable] = .number(Double(i)) }
                }
            } else {
                result = try evaluateFilter(stage.expr!, .array(result), frame)
            }
        }
        return result
    }

    private func tupleFrame(_ frame: Frame, _ tuple: JV?) -> Frame {
        let f = Frame(frame)
        if case .object(let o) = tuple {
            for (k, v) in o.pairs { f.bind(k, v) }
        }
        return f
    }

    private func evaluateTupleStep(
        _ expr: Node,
        _ input: JArray,
        _ bindings: JArray?,
        _ frame: Frame,
        undefinedInput: Bool
    ) throws(PendingError) -> JArray {
        if expr.kind == .sort {
            var result: JArray
            if let bindings {
                result = try evaluateSort(expr, bindings, frame)
            } else {
                let sorted = try evaluateSort(expr, input, frame)
                result = JArray.seq()
                result.tupleStream = true
                for (i, v) in sorted.items.enumerated() {
                    let t = JObject()
                    t["@"] = v
                    if let index = expr.index { t[index] = .number(Double(i)) }
                    result.items.append(.object(t))
                }
            }
            if let stages = expr.stages { result = try evaluateStages(stages, result, frame) }
            return result
        }
        var result = JArray.seq()
        result.tupleStream = true
        let tuples: [JObject]
        if let bindings {
            tuples = bindings.items.compactMap { if case .object(let o) = $0 { return o } else { return nil } }
        } else if undefinedInput {
            tuples = [JObject()]
        } else {
            tuples = input.items.map { v in
                let o = JObject()
                o["@"] = v
                return o
            }
        }
        for tuple in tuples {
            let stepFrame = tupleFrame(frame, .object(tuple))
            guard let res = try eval(expr, tuple["@"], stepFrame) else { continue }
            let items: [JV]
            var resIsTupleStream = false
            if case .array(let a) = res {
                items = a.items
                resIsTupleStream = a.tupleStream
            } else {
                items = [res]
            }
            for (bb, item) in items.enumerated() {
                let t = JObject()
                for (k, v) in tuple.pairs { t[k] = v }
                if resIsTupleStream {
                    if case .object(let o) = item { for (k, v) in o.pairs { t[k] = v } }
                } else {
                    if let focus = expr.focus {
                        t[focus] = item
                        t["@"] = tuple["@"]
                    } else {
                        t["@"] = item
                    }
                    if let index = expr.index { t[index] = .number(Double(bb)) }
                    if let ancestor = expr.ancestor { t[ancestor.label] = tuple["@"] }
                }
                result.items.append(.object(t))
            }
        }
        if let stages = expr.stages { result = try evaluateStages(stages, result, frame) }
        return result
    }

    func evaluateFilter(_ predicate: Node, _ input: JV?, _ frame: Frame) throws(PendingError) -> JArray {
        var results = JArray.seq()
        let items: JArray
        if case .array(let a) = input {
            items = a
            if a.tupleStream { results.tupleStream = true }
        } else {
            items = JArray.seq(input)
        }
        if predicate.kind == .number, case .number(let d) = predicate.literal {
            var index = Int(clamping: Int64(d.rounded(.down).clamped))
            if index < 0 { index += items.count }
            if index >= 0, index < items.count {
                let item = items.items[index]
                if case .array(let a) = item { results = a } else { results.items.append(item) }
            }
            return results
        }
        for (index, item) in items.items.enumerated() {
            var context: JV? = item
            var env = frame
            if items.tupleStream {
                if case .object(let o) = item { context = o["@"] }
                env = tupleFrame(frame, item)
            }
            var res = try eval(predicate, context, env)
            if case .number(let n) = res, try Builtins.isNumeric(n) { res = .array(JArray([.number(n)])) }
            if case .array(let a) = res, a.items.allSatisfy({ if case .number = $0 { true } else { false } }) {
                for case .number(let n) in a.items {
                    var ii = Int(clamping: Int64(n.rounded(.down).clamped))
                    if ii < 0 { ii += items.count }
                    if ii == index { results.items.append(item) }
                }
            } else if Builtins.boolean(res) == true {
                results.items.append(item)
            }
        }
        return results
    }

    private func evaluateWildcard(_ inputIn: JV?) -> JV? {
        var input = inputIn
        if case .array(let a) = input, a.outerWrapper, let first = a.items.first { input = first }
        var results = JArray.seq()
        // Object.keys in jsonata-js: an array's items are its values too.
        var values: [JV] = []
        if case .object(let o) = input {
            values = o.pairs.map(\.1)
        } else if case .array(let a) = input {
            values = a.items
        }
        do {
            for value in values {
                if case .array(let a) = value {
                    var flat: [JV] = []
                    Builtins.flatten(a, into: &flat)
                    results = Builtins.appendArrays(.array(results), .array(JArray(flat)))
                } else {
                    results.items.append(value)
                }
            }
        }
        return .array(results)
    }

    private func evaluateDescendants(_ input: JV?) -> JV? {
        guard let input else { return nil }
        let results = JArray.seq()
        func recurse(_ v: JV) {
            if case .array(let a) = v {
                for m in a.items { recurse(m) }
                return
            }
            results.items.append(v)
            if case .object(let o) = v {
                for (_, m) in o.pairs { recurse(m) }
            }
        }
        recurse(input)
        return results.items.count == 1 ? results.items[0] : .array(results)
    }

    // MARK: - Grouping and sorting

    func evaluateGroup(
        _ pairs: [(Node, Node)],
        _ position: Int,
        _ inputIn: JV?,
        _ frame: Frame
    ) throws(PendingError) -> JObject {
        if !(inputIn?.isArray ?? false), pairs.count <= 16 {
            return try evaluateSingleGroup(pairs, position, inputIn, frame)
        }
        let result = JObject()
        // The groups in the order their keys first appear; searched linearly while few (an object constructor
        // nearly always has a handful of keys), through an index past that.
        var keys: [String] = []
        var groups: [(data: JV?, exprIndex: Int)] = []
        var index: [String: Int]?
        var reduce = false
        var items: [JV?]
        if case .array(let a) = inputIn {
            reduce = a.tupleStream
            items = a.items.map { $0 }
        } else {
            items = [inputIn]
        }
        if items.isEmpty { items.append(nil) }
        for item in items {
            let env = reduce ? tupleFrame(frame, item) : frame
            var context = item
            if reduce, case .object(let o) = item { context = o["@"] }
            for (pairIndex, pair) in pairs.enumerated() {
                let key = try eval(pair.0, context, env)
                guard let key else { continue }
                guard case .string(let k) = key else {
                    throw PendingError("T1003", position: position, value: key)
                }
                if let at = index.map({ $0[k] }) ?? keys.firstIndex(of: k) {
                    let existing = groups[at]
                    if existing.exprIndex != pairIndex {
                        throw PendingError("D1009", position: position, value: key)
                    }
                    groups[at] = (Builtins.append(existing.data, item), pairIndex)
                } else {
                    groups.append((item, pairIndex))
                    keys.append(k)
                    if index != nil {
                        index![k] = keys.count - 1
                    } else if keys.count > 16 {
                        index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
                    }
                }
            }
        }
        for (key, entry) in zip(keys, groups) {
            var context = entry.data
            var env = frame
            if reduce {
                let tuple = reduceTupleStream(entry.data)
                context = tuple["@"]
                tuple["@"] = nil
                env = tupleFrame(frame, .object(tuple))
            }
            if let value = try eval(pairs[entry.exprIndex].1, context, env) {
                result[key] = value
            }
        }
        return result
    }

    /// `evaluateGroup` of one item (the input is not an array), an object constructor's usual case: each key
    /// names a group of that item alone, so no group gathers values, and a key two pairs give is D1009.
    private func evaluateSingleGroup(
        _ pairs: [(Node, Node)],
        _ position: Int,
        _ input: JV?,
        _ frame: Frame
    ) throws(PendingError) -> JObject {
        var groups: [(key: String, pairIndex: Int)] = []
        groups.reserveCapacity(pairs.count)
        for (pairIndex, pair) in pairs.enumerated() {
            guard let key = try eval(pair.0, input, frame) else { continue }
            guard case .string(let k) = key else {
                throw PendingError("T1003", position: position, value: key)
            }
            if groups.contains(where: { $0.key == k }) { throw PendingError("D1009", position: position, value: key) }
            groups.append((k, pairIndex))
        }
        let result = JObject(capacity: groups.count)
        for group in groups {
            if let value = try eval(pairs[group.pairIndex].1, input, frame) { result[group.key] = value }
        }
        return result
    }

    private func reduceTupleStream(_ stream: JV?) -> JObject {
        let result = JObject()
        switch stream {
        case .object(let o):
            for (k, v) in o.pairs { result[k] = v }
        case .array(let a):
            guard let first = a.items.first, case .object(let f) = first else { return result }
            for (k, v) in f.pairs { result[k] = v }
            for t in a.items.dropFirst() {
                guard case .object(let o) = t else { continue }
                for (k, v) in o.pairs { result[k] = Builtins.append(result[k], v) }
            }
        default: break
        }
        return result
    }

    func evaluateSort(_ expr: Node, _ input: JArray, _ frame: Frame) throws(PendingError) -> JArray {
        let isTupleSort = input.tupleStream
        let comparator: (JV, JV) throws(PendingError) -> Bool = { a, b throws(PendingError) in
            var comp = 0
            for term in expr.terms where comp == 0 {
                var ctx: JV? = a
                var env = frame
                if isTupleSort {
                    if case .object(let o) = a { ctx = o["@"] }
                    env = self.tupleFrame(frame, a)
                }
                let aa = try self.eval(term.expr, ctx, env)
                ctx = b
                env = frame
                if isTupleSort {
                    if case .object(let o) = b { ctx = o["@"] }
                    env = self.tupleFrame(frame, b)
                }
                let bb = try self.eval(term.expr, ctx, env)
                guard let aa else {
                    comp = bb == nil ? 0 : 1
                    continue
                }
                guard let bb else {
                    comp = -1
                    continue
                }
                switch (aa, bb) {
                case (.number(let x), .number(let y)):
                    if x == y { continue }
                    comp = x < y ? -1 : 1
                case (.string(let x), .string(let y)):
                    if x == y { continue }
                    comp = Builtins.jsLess(x, y) ? -1 : 1
                case (.number, .string), (.string, .number):
                    throw PendingError("T2007", position: expr.position, value: aa, value2: bb)
                default:
                    let bad: JV
                    switch aa {
                    case .number, .string: bad = bb
                    default: bad = aa
                    }
                    throw PendingError("T2008", position: expr.position, value: bad)
                }
                if term.descending { comp = -comp }
            }
            return comp == 1
        }
        // Like jsonata-js's $sort: a short input comes back as it is, a sorted one as a plain array.
        if input.items.count <= 1 { return input }
        let out = JArray(try Builtins.mergeSort(input.items, comparator))
        out.tupleStream = input.tupleStream
        return out
    }
}

extension Double {
    /// Clamped into Int64's range, for indexes computed from arbitrary numbers.
    var clamped: Double {
        if isNaN { return 0 }
        return Swift.min(Swift.max(self, -9.0e18), 9.0e18)
    }
}
