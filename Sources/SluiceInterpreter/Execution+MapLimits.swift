import SluiceASL
import SluiceJSON

/// A map run's limits: MaxConcurrency (with the owner's ceiling), tolerated failures, batch sizes, their paths
/// resolved, and UpdateMapRun changing them while it runs.
extension Execution {
    func effectiveChildLimit(_ maxConcurrency: Int) -> Int {
        min(maxConcurrency == 0 ? 10_000 : maxConcurrency, max(1, distributedConcurrencyCeiling))
    }

    /// UpdateMapRun: the new limits apply at once. More concurrency starts children now; a tolerance the failures
    /// already exceed fails the run as the threshold would have.
    mutating func updateMapRun(
        _ mapRunArn: String,
        maxConcurrency: Int?,
        toleratedFailureCount: Int?,
        percentage: Double?
    ) {
        let found = frames.first { _, frame in
            guard case .joining(let join) = frame.phase, case .map(let run) = join.kind else { return false }
            return run.limits.distributed && run.mapRunArn == mapRunArn
        }
        guard let id = found?.key else { return }
        activeFrame = id
        defer { activeFrame = nil }
        guard var join = takeJoin(id), case .map(var run) = join.kind else { return }
        if let maxConcurrency, maxConcurrency >= 0 {
            run.limits.declaredMaxConcurrency = maxConcurrency
            run.limits.maxConcurrency = effectiveChildLimit(maxConcurrency)
        }
        if let toleratedFailureCount, toleratedFailureCount >= 0 {
            run.limits.toleratedFailureCount = toleratedFailureCount
        }
        if let percentage, (0...100).contains(percentage) { run.limits.toleratedFailurePercentage = percentage }
        join.kind = .map(run)
        if exceeds(run) {
            failMap(id, &join, Self.thresholdExceeded)
            return
        }
        fill(id, &join)
        settle(id, join)
    }

    /// Whether failed items exceed ToleratedFailureCount or ToleratedFailurePercentage (each is a maximum on its own;
    /// with neither set, any failure is too many). The percentage needs the total, known once the source is done.
    func exceeds(_ run: MapRun, atEnd: Bool = false) -> Bool {
        let failed = run.itemsFailed
        let count = run.limits.toleratedFailureCount
        let percentage = run.limits.toleratedFailurePercentage
        if count == nil, percentage == nil { return failed > 0 }
        if let count, failed > count { return true }
        let total = run.nextItemIndex
        if let percentage, run.exhausted || atEnd, total > 0, Double(failed) * 100 / Double(total) > percentage {
            return true
        }
        return false
    }

    func mapLimits(
        _ map: MapState,
        input: JSONValue,
        frame: Int
    ) throws(StatesError) -> MapRunLimits {
        var maxConcurrency = try declaredMaxConcurrency(map, input: input, frame: frame)
        let count = try toleratedFailureCount(map, input: input, frame: frame)
        let percentage = try toleratedFailurePercentage(map, input: input, frame: frame)
        let declaredMaxConcurrency = maxConcurrency
        if maxConcurrency == 0 {
            // "No limit" still has AWS's ceilings: 40 concurrent iterations inline, 10,000 child executions
            // distributed. Keeping to them also bounds how many iteration frames exist at once.
            maxConcurrency = map.mode == .distributed ? 10_000 : 40
        }
        if map.mode == .distributed { maxConcurrency = effectiveChildLimit(maxConcurrency) }
        var maxItems: Int?
        var maxBytes: Int?
        if let batcher = map.itemBatcher {
            maxItems = try positive(batcher.maxItemsPerBatch, field: "MaxItemsPerBatch", input: input, frame: frame)
            maxBytes = try positive(
                batcher.maxInputBytesPerBatch,
                field: "MaxInputBytesPerBatch",
                input: input,
                frame: frame
            )
            // Only a byte limit: as many items as fit.
            if maxItems == nil { maxItems = Int.max }
        }
        return MapRunLimits(
            maxConcurrency: maxConcurrency,
            declaredMaxConcurrency: declaredMaxConcurrency,
            toleratedFailureCount: count,
            toleratedFailurePercentage: percentage,
            distributed: map.mode == .distributed,
            maxItemsPerBatch: maxItems,
            maxBytesPerBatch: maxBytes
        )
    }

    /// MaxConcurrency as declared (0: no limit).
    private func declaredMaxConcurrency(_ map: MapState, input: JSONValue, frame: Int) throws(StatesError) -> Int {
        var maxConcurrency = 0
        switch map.maxConcurrency {
        case nil: break
        case .literal(let n): maxConcurrency = n
        case .query(let q): maxConcurrency = try wholeNumber(q, field: "MaxConcurrency", input: input, frame: frame)
        case .path(let p):
            let v = try resolve(p, input: input, frame: frame)
            guard let n = Self.integer(v), n >= 0 else {
                throw StatesError.runtime(
                    "The MaxConcurrencyPath field refers to value \"\(Self.shown(v))\" which is not a valid integer: \(p)"
                )
            }
            maxConcurrency = n
        }
        return maxConcurrency
    }

    private func toleratedFailureCount(_ map: MapState, input: JSONValue, frame: Int) throws(StatesError) -> Int? {
        var count: Int?
        switch map.toleratedFailureCount {
        case nil: break
        case .literal(let n): count = n
        case .query(let q): count = try wholeNumber(q, field: "ToleratedFailureCount", input: input, frame: frame)
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
        return count
    }

    private func toleratedFailurePercentage(_ map: MapState, input: JSONValue, frame: Int) throws(StatesError)
        -> Double?
    {
        var percentage: Double?
        switch map.toleratedFailurePercentage {
        case nil: break
        case .literal(let n): percentage = n
        case .query(let q):
            let v = try evaluate(
                q,
                field: "ToleratedFailurePercentage",
                scope: JSONataScope(input: input),
                frame: frame
            )
            guard let n = Self.number(v), n >= 0, n <= 100 else {
                throw unexpectedType(q, field: "ToleratedFailurePercentage", expected: "number", value: v)
            }
            percentage = n
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
        return percentage
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

    func positive(_ source: ValueSource<Int>?, field: String, input: JSONValue, frame: Int) throws(StatesError)
        -> Int?
    {
        switch source {
        case nil: return nil
        case .literal(let n): return n
        case .query(let q): return try wholeNumber(q, field: field, input: input, frame: frame, minimum: 1)
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

    /// A JSONata field that must give a whole number of at least `minimum`.
    func wholeNumber(_ query: JSONataQuery, field: String, input: JSONValue, frame: Int, minimum: Int = 0)
        throws(StatesError) -> Int
    {
        let v = try evaluate(query, field: field, scope: JSONataScope(input: input), frame: frame)
        guard v.isNumber, let n = v.intValue, n >= minimum else {
            throw unexpectedType(query, field: field, expected: "integer", value: v)
        }
        return n
    }
}
