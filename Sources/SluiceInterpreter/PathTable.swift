import SluiceASL
import SluiceJSON

/// Every path a definition mentions, parsed once when the execution is created, so evaluating a state never
/// re-parses a path (a 100,000-item Map evaluates its ItemSelector paths 100,000 times).
struct PathTable: Sendable {
    struct Compiled: Sendable {
        var root: JSONPath.Root
        /// nil when the path is the bare root (`$`, `$$`, `$name`).
        var path: JSONPath?
    }

    private var table: [String: Compiled] = [:]

    init(_ definition: StateMachineDefinition) {
        add(definition)
    }

    func lookup(_ text: String) -> Compiled? { table[text] }

    /// Parses a path outside the table (paths built at run time, e.g. a Choice's Assign).
    static func compile(_ text: String) -> Compiled? {
        guard let (root, path) = JSONPath.splitRoot(text) else { return nil }
        if path == "$" { return Compiled(root: root, path: nil) }
        guard let parsed = try? JSONPath(path) else { return nil }
        return Compiled(root: root, path: parsed)
    }

    private mutating func add(path text: String) {
        guard table[text] == nil, let compiled = Self.compile(text) else { return }
        table[text] = compiled
    }

    private mutating func add(_ definition: StateMachineDefinition) {
        for state in definition.states.values { add(state) }
    }

    private mutating func add(_ optional: OptionalPath) {
        if case .path(let p) = optional { add(path: p) }
    }

    private mutating func add<T>(_ source: ValueSource<T>?) {
        if case .path(let p)? = source { add(path: p) }
    }

    private mutating func add(_ template: PayloadTemplate?) {
        switch template {
        case nil, .constant?, .jsonata?: break
        case .object(let fields)?: for f in fields { add(f.value) }
        case .array(let items)?: for i in items { add(i) }
        case .path(let p)?: add(path: p)
        case .intrinsic(let call)?: add(call)
        }
    }

    private mutating func add(_ call: IntrinsicCall) {
        for argument in call.arguments {
            switch argument {
            case .path(let p): add(path: p)
            case .call(let inner): add(inner)
            default: break
            }
        }
    }

    private mutating func add(_ rule: ChoiceRule) {
        switch rule {
        case .and(let rules), .or(let rules): for r in rules { add(r) }
        case .not(let r): add(r)
        case .comparison(let variable, _, let operand):
            add(path: variable)
            if case .path(let p) = operand { add(path: p) }
        case .condition: break
        }
    }

    private mutating func add(_ state: State) {
        add(state.inputPath)
        add(state.outputPath)
        add(state.parameters)
        add(state.resultSelector)
        add(state.assign)
        switch state.kind {
        case .pass, .succeed: break
        case .task(let task):
            add(task.timeoutSeconds)
            add(task.heartbeatSeconds)
        case .choice(let choice):
            for c in choice.choices { add(c.rule) }
        case .wait(.seconds(let s)): add(s)
        case .wait(.timestamp(let t)): add(t)
        case .fail(let fail):
            add(fail.error)
            add(fail.cause)
        case .parallel(let parallel):
            for b in parallel.branches { add(b) }
        case .map(let map):
            add(map.itemsPath)
            add(map.itemSelector)
            add(map.maxConcurrency)
            add(map.toleratedFailureCount)
            add(map.toleratedFailurePercentage)
            add(map.itemBatcher?.maxItemsPerBatch)
            add(map.itemBatcher?.maxInputBytesPerBatch)
            add(map.itemBatcher?.batchInput)
            add(map.processor)
        }
    }
}
