import SluiceASL
import SluiceJSON

extension Execution {
    mutating func runMap(_ id: Int, _ map: MapState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let effective = try applyInputPath(state.inputPath, to: frame.input, frame: id)
        var items: [JSONValue]
        switch map.itemsPath {
        case .null, .path("$"):
            guard case .array(let a) = effective else {
                throw StatesError.runtime("Map state input must be an array but was: \(effective.serialized())")
            }
            items = a
        case .path(let p):
            guard let value = try resolve(p, input: effective, frame: id) else {
                throw StatesError.runtime(noResults(p))
            }
            guard case .array(let a) = value else {
                throw StatesError.runtime(
                    "Unable to apply ItemsPath \(p) to input \(effective.serialized()): the value is not an array: \(value.serialized())"
                )
            }
            items = a
        }
        let limits = try mapLimits(map, input: effective, frame: id, total: items.count)
        var inputs: [JSONValue] = []
        inputs.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let selector = map.itemSelector {
                inputs.append(
                    try evaluate(selector, input: effective, frame: id, mapItem: MapItem(index: index, value: item))
                )
            } else {
                inputs.append(item)
            }
        }
        if let batcher = map.itemBatcher {
            inputs = try batches(inputs, batcher, input: effective, frame: id)
        }
        items = []
        let started = record("MapStateStarted", ["length": .int(inputs.count)])
        var join = Join(
            kind: .map(
                MapRunLimits(
                    maxConcurrency: limits.maxConcurrency,
                    toleratedFailureCount: limits.toleratedFailureCount,
                    toleratedFailurePercentage: limits.toleratedFailurePercentage,
                    distributed: limits.distributed,
                    total: inputs.count
                )
            ),
            queued: inputs.enumerated().map { ($0.offset, $0.element) },
            results: Array(repeating: nil, count: inputs.count),
            effectiveInput: effective
        )
        join.startedEventId = started
        if inputs.isEmpty {
            frames[id]?.phase = .joining(join)
            finishJoin(id, join)
            return
        }
        startIterations(id, &join)
        frames[id]?.phase = .joining(join)
    }

    /// Starts queued iterations up to MaxConcurrency (0 = no limit).
    private mutating func startIterations(_ id: Int, _ join: inout Join) {
        guard case .map(let limits) = join.kind, let frame = frames[id], case .map(let map) = frame.state.kind
        else { return }
        while join.nextQueued < join.queued.count,
            limits.maxConcurrency == 0 || join.running.count < limits.maxConcurrency
        {
            let (slot, input) = join.queued[join.nextQueued]
            join.queued[join.nextQueued].input = .null  // release the input once handed over
            join.nextQueued += 1
            record("MapIterationStarted", details: .mapIteration(name: frame.stateName, index: slot))
            let child = newFrame(machine: map.processor, parent: .init(frame: id, slot: slot), input: input)
            if limits.distributed { frames[child]?.isolated = true }
            join.running.insert(child)
            schedule(child)
        }
    }

    mutating func mapChildEnded(
        _ id: Int,
        slot: Int,
        join: inout Join,
        limits: MapRunLimits,
        result: Result<JSONValue, StatesError>
    ) {
        guard let frame = frames[id] else { return }
        switch result {
        case .success(let output):
            record("MapIterationSucceeded", details: .mapIteration(name: frame.stateName, index: slot))
            join.results[slot] = output
            join.succeeded += 1
        case .failure(let error):
            record("MapIterationFailed", details: .mapIteration(name: frame.stateName, index: slot))
            join.failures += 1
            var errorOutput = JSONObject()
            if !error.name.isEmpty { errorOutput["Error"] = .string(error.name) }
            if let cause = error.cause { errorOutput["Cause"] = .string(cause) }
            join.results[slot] = .object(errorOutput)
            let tolerated = limits.distributed && !exceeds(limits, failures: join.failures)
            if !tolerated {
                for other in join.running { cancelTree(other) }
                frames[id]?.phase = .working
                let raised: StatesError
                if limits.distributed {
                    raised = StatesError(
                        StatesError.Name.exceedToleratedFailureThreshold,
                        cause: "The specified tolerated failure threshold was exceeded"
                    )
                } else {
                    raised = error
                }
                record("MapStateFailed", failureDetails(raised))
                handleError(id, raised)
                schedule(id)
                return
            }
        }
        startIterations(id, &join)
        frames[id]?.phase = .joining(join)
        if join.running.isEmpty, join.nextQueued >= join.queued.count {
            finishJoin(id, join)
        }
    }

    /// Whether failures so far exceed the tolerated count or percentage (no setting tolerates none).
    private func exceeds(_ limits: MapRunLimits, failures: Int) -> Bool {
        if limits.toleratedFailureCount == nil, limits.toleratedFailurePercentage == nil { return failures > 0 }
        if let count = limits.toleratedFailureCount, failures > count {
            if let pct = limits.toleratedFailurePercentage, limits.total > 0,
                Double(failures) * 100 / Double(limits.total) <= pct
            {
                return false
            }
            return true
        }
        if let pct = limits.toleratedFailurePercentage, limits.toleratedFailureCount == nil, limits.total > 0 {
            return Double(failures) * 100 / Double(limits.total) > pct
        }
        return false
    }

    private func mapLimits(
        _ map: MapState,
        input: JSONValue,
        frame: Int,
        total: Int
    ) throws(StatesError) -> MapRunLimits {
        var maxConcurrency = 0
        switch map.maxConcurrency {
        case nil: break
        case .literal(let n): maxConcurrency = n
        case .path(let p):
            let v = try resolve(p, input: input, frame: frame)
            guard let n = Self.integer(v), n >= 0 else {
                throw StatesError.runtime(
                    "The MaxConcurrencyPath field refers to value \"\(Self.shown(v))\" which is not a valid integer: \(p)"
                )
            }
            maxConcurrency = n
        }
        var count: Int?
        switch map.toleratedFailureCount {
        case nil: break
        case .literal(let n): count = n
        case .path(let p):
            let v = try resolve(p, input: input, frame: frame)
            guard let n = Self.integer(v) else {
                throw StatesError.runtime(
                    "The ToleratedFailureCountPath field refers to value \"\(Self.shown(v))\" which is not a valid integer: \(p)"
                )
            }
            guard n >= 0 else { throw StatesError.runtime("ToleratedFailureCount cannot be negative.") }
            count = n
        }
        var percentage: Double?
        switch map.toleratedFailurePercentage {
        case nil: break
        case .literal(let n): percentage = n
        case .path(let p):
            let v = try resolve(p, input: input, frame: frame)
            guard let n = Self.number(v) else {
                throw StatesError.runtime(
                    "The ToleratedFailurePercentagePath field refers to value \"\(Self.shown(v))\" which is not a valid number: \(p)"
                )
            }
            guard n >= 0, n <= 100 else {
                throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.")
            }
            percentage = n
        }
        if maxConcurrency == 0 {
            // "No limit" still has AWS's ceilings: 40 concurrent iterations inline, 10,000 child executions
            // distributed. Keeping to them also bounds how many iteration frames exist at once.
            maxConcurrency = map.mode == .distributed ? 10_000 : 40
        }
        return MapRunLimits(
            maxConcurrency: maxConcurrency,
            toleratedFailureCount: count,
            toleratedFailurePercentage: percentage,
            distributed: map.mode == .distributed,
            total: total
        )
    }

    /// A whole number from a path: a JSON number, or a string holding one (AWS parses `"1"` as 1 here).
    static func integer(_ v: JSONValue?) -> Int? {
        switch v {
        case .int(let i)?: return i
        case .double?: return v?.intValue
        case .string(let s)?: return Int(s.trimmingPrefix("+"))
        default: return nil
        }
    }

    /// A number from a path: a JSON number, or a string holding one.
    static func number(_ v: JSONValue?) -> Double? {
        switch v {
        case .int, .double: return v?.doubleValue
        case .string(let s)?: return Double(s)
        default: return nil
        }
    }

    static func shown(_ v: JSONValue?) -> String {
        guard let v else { return "null" }
        if case .string(let s) = v { return s }
        return v.serialized()
    }

    /// ItemBatcher: groups item inputs into `{"Items": [...], "BatchInput": ...}` children.
    private func batches(
        _ inputs: [JSONValue],
        _ batcher: ItemBatcher,
        input: JSONValue,
        frame: Int
    ) throws(StatesError) -> [JSONValue] {
        let maxItems = try positive(batcher.maxItemsPerBatch, field: "MaxItemsPerBatch", input: input, frame: frame)
        let maxBytes = try positive(
            batcher.maxInputBytesPerBatch,
            field: "MaxInputBytesPerBatch",
            input: input,
            frame: frame
        )
        let batchInput = try batcher.batchInput.map { (t: PayloadTemplate) throws(StatesError) -> JSONValue in
            try evaluate(t, input: input, frame: frame)
        }
        var result: [JSONValue] = []
        var current: [JSONValue] = []
        var bytes = 0
        func wrap(_ items: [JSONValue]) -> JSONValue {
            var o = JSONObject()
            if let batchInput { o["BatchInput"] = batchInput }
            o["Items"] = .array(items)
            return .object(o)
        }
        for item in inputs {
            let size = item.serialized().utf8.count
            if !current.isEmpty,
                (maxItems.map { current.count >= $0 } ?? false) || (maxBytes.map { bytes + size > $0 } ?? false)
            {
                result.append(wrap(current))
                current = []
                bytes = 0
            }
            current.append(item)
            bytes += size
        }
        if !current.isEmpty { result.append(wrap(current)) }
        return result
    }

    private func positive(_ source: ValueSource<Int>?, field: String, input: JSONValue, frame: Int) throws(StatesError)
        -> Int?
    {
        switch source {
        case nil: return nil
        case .literal(let n): return n
        case .path(let p):
            let v = try resolve(p, input: input, frame: frame)
            guard let n = Self.integer(v), n > 0 else {
                throw StatesError.runtime(
                    "The \(field)Path field refers to value \"\(Self.shown(v))\" which is not a valid integer: \(p)"
                )
            }
            return n
        }
    }
}
