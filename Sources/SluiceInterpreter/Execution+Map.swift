import SluiceASL
import SluiceJSON

/// Map: INLINE iterations and DISTRIBUTED child executions, with items from ItemsPath or streamed from an
/// ItemReader, batched by ItemBatcher, and results collected in order or streamed to a ResultWriter.
///
/// Items flow through a buffer: children are started while fewer than MaxConcurrency run, more items are asked for
/// while the buffer runs low, so only what is in flight is held in memory however large the source.
extension Execution {
    /// How many items to ask an ItemReader for at a time.
    static let readChunk = 1_000
    /// The most items a map run keeps read ahead of its children.
    static let maxBuffered = 10_000

    mutating func runMap(_ id: Int, _ map: MapState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let effective = try applyInputPath(state.inputPath, to: frame.input, frame: id)
        let limits = try mapLimits(map, input: effective, frame: id)
        var run = MapRun(limits: limits, effectiveInput: effective, mapRunArn: "")
        if let reader = map.itemReader {
            run.readerToken = try openReader(reader, input: effective, frame: id)
        } else {
            run.buffer = try items(map, effective: effective, frame: id)
            run.sizesKnown = false
            run.exhausted = true
        }
        if let template = map.itemBatcher?.batchInput {
            run.batchInput = try evaluate(template, input: effective, frame: id)
        }
        // A redrive of this Map state carries its map run on: same ARN, successes kept.
        let redrive = frame.parent == nil ? mapRedrive.take() : nil
        if limits.distributed {
            run.mapRunArn = redrive?.mapRunArn ?? mapRunArn(label: map.label ?? state.name)
            if let redrive {
                run.redriven = redrive.succeeded
                run.redriveCount = redrive.redriveCount
            }
            if let writer = map.resultWriter {
                run.writerToken = try openWriter(
                    writer,
                    mapRunArn: run.mapRunArn,
                    redriveCount: run.redriveCount,
                    input: effective,
                    frame: id
                )
            }
        }
        var join = Join(kind: .map(run), results: [])
        if limits.distributed {
            join.startedEventId = record(
                redrive == nil ? "MapRunStarted" : "MapRunRedriven",
                ["mapRunArn": .string(run.mapRunArn)]
            )
            mapRunsStarted += 1
        } else {
            join.startedEventId = record("MapStateStarted", ["length": .int(run.bufferedCount)])
        }
        frames[id]?.phase = .joining(join)
        guard var join = takeJoin(id) else { return }
        fill(id, &join)
        settle(id, join)
    }

    /// The array ItemsPath selects (the whole effective input by default).
    private func items(_ map: MapState, effective: JSONValue, frame id: Int) throws(StatesError) -> [JSONValue] {
        switch map.itemsPath {
        case .null, .path("$"):
            guard case .array(let a) = effective else {
                throw StatesError.runtime("Map state input must be an array but was: \(effective.serialized())")
            }
            return a
        case .path(let p):
            guard let value = try resolve(p, input: effective, frame: id) else {
                throw StatesError.runtime(noResults(p))
            }
            guard case .array(let a) = value else {
                throw StatesError.runtime(
                    "Unable to apply ItemsPath \(p) to input \(effective.serialized()): the value is not an array: \(value.serialized())"
                )
            }
            return a
        }
    }

    /// Evaluates the ItemReader's Parameters and ReaderConfig (MaxItemsPath resolved) and opens the stream.
    private mutating func openReader(_ reader: ItemReader, input: JSONValue, frame id: Int) throws(StatesError) -> Int {
        let parameters =
            try reader.parameters.map { (t: PayloadTemplate) throws(StatesError) -> JSONValue in
                try evaluate(t, input: input, frame: id)
            } ?? .object(JSONObject())
        var config = reader.readerConfig?.objectValue ?? JSONObject()
        if case .string(let path)? = config["MaxItemsPath"] {
            let v = try resolve(path, input: input, frame: id)
            guard let n = Self.integer(v), n >= 0 else {
                throw StatesError.runtime(
                    "The MaxItemsPath field refers to value \"\(Self.shown(v))\" which is not a valid integer: \(path)"
                )
            }
            config["MaxItemsPath"] = nil
            config["MaxItems"] = .int(n)
        }
        let token = allocate()
        tokens[token] = id
        readerRequests[token] = ItemReadRequest(
            token: token,
            resource: reader.resource,
            parameters: parameters,
            readerConfig: config,
            count: 0
        )
        return token
    }

    private mutating func openWriter(
        _ writer: ResultWriter,
        mapRunArn: String,
        redriveCount: Int,
        input: JSONValue,
        frame id: Int
    ) throws(StatesError) -> Int {
        let parameters =
            try writer.parameters.map { (t: PayloadTemplate) throws(StatesError) -> JSONValue in
                try evaluate(t, input: input, frame: id)
            } ?? .object(JSONObject())
        let token = allocate()
        tokens[token] = id
        effects.append(
            .openResultWriter(
                ResultWriterRequest(
                    token: token,
                    mapRunArn: mapRunArn,
                    resource: writer.resource ?? "arn:aws:states:::s3:putObject",
                    parameters: parameters,
                    writerConfig: writer.writerConfig?.objectValue ?? JSONObject(),
                    redriveCount: redriveCount
                )
            )
        )
        return token
    }

    /// `arn:aws:states:REGION:ACCOUNT:mapRun:STATE_MACHINE/LABEL:UUID`.
    private mutating func mapRunArn(label: String) -> String {
        let parts = context.executionArn.split(separator: ":", omittingEmptySubsequences: false)
        let prefix = parts.count > 4 ? parts[0...4].joined(separator: ":") : "arn:aws:states:local:000000000000"
        let cleaned = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(40))
        return "\(prefix):mapRun:\(context.stateMachineName)/\(cleaned):\(uuid())"
    }

    /// A version 4 UUID from the execution's generator (deterministic given its persisted state).
    mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { b -> String in
            let s = String(b, radix: 16)
            return b < 16 ? "0" + s : s
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-"
        )
    }

    // MARK: - Feeding children

    /// Starts children while MaxConcurrency allows and items are at hand; asks the reader for more when low.
    private mutating func fill(_ id: Int, _ join: inout Join) {
        guard case .map(var run) = join.kind, let frame = frames[id], case .map(let map) = frame.state.kind else {
            return
        }
        // The run is taken out of the join while items are consumed, so its buffer has one owner and releasing an
        // item does not copy the whole buffer; every way out puts it back.
        join.kind = .parallel
        let perChild = run.limits.maxItemsPerBatch ?? 1
        // What a batch waits for: its item count, or as many as the buffer holds (a batcher with only a byte limit
        // allows any number of items; the buffer never holds more than `maxBuffered`).
        let enough = min(perChild, Self.maxBuffered)
        while join.running.count < run.limits.maxConcurrency {
            // A batch waits for enough items unless the source is done.
            if run.bufferedCount == 0 || (map.itemBatcher != nil && run.bufferedCount < enough && !run.exhausted) {
                break
            }
            let input: JSONValue
            var inputByteCount: Int?
            var count = 0
            do {
                if map.itemBatcher != nil {
                    var batch: [JSONValue] = []
                    var bytes = 0
                    // The limit weighs the child's whole input: `{"Items":[...]}` (11 bytes with the items' commas
                    // counted one per item) and `"BatchInput":...,` when there is one, as AWS counts it.
                    let wrapper =
                        run.limits.maxBytesPerBatch == nil
                        ? 0 : 11 + (run.batchInput.map { 14 + $0.serializedByteCount } ?? 0)
                    while count < perChild, run.bufferedCount > 0 {
                        let item = try peekSelected(map, run, frame: id)
                        if let limit = run.limits.maxBytesPerBatch {
                            let size = itemSize(item, map, run) + 1
                            // The item stays for the next batch (a lone oversized item still goes alone).
                            if !batch.isEmpty, wrapper + bytes + size > limit { break }
                            bytes += size
                        }
                        consume(&run)
                        batch.append(item)
                        count += 1
                    }
                    var o = JSONObject()
                    if let batchInput = run.batchInput { o["BatchInput"] = batchInput }
                    o["Items"] = .array(batch)
                    input = .object(o)
                    if run.limits.maxBytesPerBatch != nil {
                        // Weighed already.
                        inputByteCount = wrapper + bytes
                        assert(inputByteCount == input.serializedByteCount, "batch size worked out wrong")
                    }
                } else {
                    input = try peekSelected(map, run, frame: id)
                    consume(&run)
                    count = 1
                }
            } catch {
                join.kind = .map(run)
                failMap(id, &join, located(error, frame: id))
                return
            }
            let slot = run.nextSlot
            run.nextSlot += 1
            if let earlier = run.redriven.removeValue(forKey: slot) {
                // Succeeded before the redrive: counted again, not run again.
                run.itemsSucceeded += count
                run.succeededSlots.insert(slot)
                join.succeeded += 1
                if run.writerToken == nil {
                    while join.results.count <= slot { join.results.append(nil) }
                    join.results[slot] = earlier
                }
                continue
            }
            if !run.limits.distributed {
                record("MapIterationStarted", details: .mapIteration(name: frame.stateName, index: slot))
            }
            let child = newFrame(machine: map.processor, parent: .init(frame: id, slot: slot), input: input)
            frames[child]?.inputByteCount = inputByteCount
            if run.limits.distributed {
                makeChildExecution(child)
                run.children[child] = MapRun.ChildInfo(
                    slot: slot,
                    name: uuid(),
                    input: input,
                    start: now,
                    itemCount: count
                )
            } else {
                run.children[child] = MapRun.ChildInfo(slot: slot, name: "", input: .null, start: now, itemCount: count)
            }
            join.running.insert(child)
            schedule(child)
        }
        if run.bufferHead > 4096, run.bufferHead * 2 > run.buffer.count {
            run.buffer.removeFirst(run.bufferHead)
            if run.sizesKnown { run.bufferSizes.removeFirst(run.bufferHead) }
            run.bufferHead = 0
        }
        // Keep the buffer one round of children ahead of what runs.
        let wanted = min(
            Self.maxBuffered,
            max(Self.readChunk, enough * max(1, run.limits.maxConcurrency - join.running.count))
        )
        if !run.exhausted, !run.readPending, run.bufferedCount < wanted, let token = run.readerToken,
            var request = readerRequests[token]
        {
            request.count = wanted - run.bufferedCount
            run.readPending = true
            effects.append(.readItems(request))
        }
        join.kind = .map(run)
    }

    /// The next buffered item after ItemSelector (with `$$.Map.Item.Index` and `.Value`), not yet taken.
    private func peekSelected(_ map: MapState, _ run: MapRun, frame id: Int) throws(StatesError) -> JSONValue {
        let item = run.buffer[run.bufferHead]
        guard let selector = map.itemSelector else { return item }
        return try evaluate(
            selector,
            input: run.effectiveInput,
            frame: id,
            mapItem: MapItem(index: run.nextItemIndex, value: item)
        )
    }

    /// The compact size of the next item as the batcher weighs it: the reader's figure when it gave one and no
    /// ItemSelector changed the item, else a walk of the item.
    private func itemSize(_ item: JSONValue, _ map: MapState, _ run: MapRun) -> Int {
        guard map.itemSelector == nil, run.sizesKnown, run.bufferHead < run.bufferSizes.count else {
            return item.serializedByteCount
        }
        let size = run.bufferSizes[run.bufferHead]
        assert(size == item.serializedByteCount, "the reader's item size is wrong")
        return size
    }

    /// Takes the next buffered item, releasing it from the buffer.
    private func consume(_ run: inout MapRun) {
        run.buffer[run.bufferHead] = .null
        run.bufferHead += 1
        run.nextItemIndex += 1
    }

    // MARK: - Events

    /// Items arrived from the reader.
    mutating func itemsRead(token: Int, items: [JSONValue], exhausted: Bool, sizes: [Int]? = nil) {
        guard let id = tokens[token] else { return }
        activeFrame = id
        defer { activeFrame = nil }
        guard var join = takeJoin(id), case .map = join.kind else { return }
        join.withMapRun { run in
            run.buffer.append(contentsOf: items)
            // The last, empty read says nothing about sizes.
            if run.sizesKnown, !items.isEmpty {
                if let sizes, sizes.count == items.count {
                    run.bufferSizes.append(contentsOf: sizes)
                } else {
                    run.sizesKnown = false
                    run.bufferSizes = []
                }
            }
            run.readPending = false
            if exhausted || items.isEmpty {
                run.exhausted = true
                tokens[token] = nil
                readerRequests[token] = nil
            }
        }
        fill(id, &join)
        settle(id, join)
    }

    mutating func itemReaderFailed(token: Int, cause: String) {
        guard let id = tokens.removeValue(forKey: token) else { return }
        readerRequests[token] = nil
        activeFrame = id
        defer { activeFrame = nil }
        guard var join = takeJoin(id), case .map(var run) = join.kind else { return }
        run.readerToken = nil
        run.exhausted = true
        join.kind = .map(run)
        failMap(id, &join, located(StatesError(StatesError.Name.itemReaderFailed, cause: cause), frame: id))
    }

    mutating func resultsWritten(token: Int, details: JSONValue) {
        guard let id = tokens.removeValue(forKey: token) else { return }
        activeFrame = id
        defer { activeFrame = nil }
        guard let join = takeJoin(id), case .map(let run) = join.kind else { return }
        record("MapRunSucceeded", ["mapRunArn": .string(run.mapRunArn)])
        endedMapRuns.append(MapRunProgress(run, join, status: .succeeded))
        frames[id]?.phase = .working
        let output: JSONValue = ["MapRunArn": .string(run.mapRunArn), "ResultWriterDetails": details]
        do {
            try complete(id, result: output)
        } catch {
            handleError(id, located(error, frame: id))
        }
        schedule(id)
    }

    mutating func resultWriterFailed(token: Int, cause: String) {
        guard let id = tokens.removeValue(forKey: token) else { return }
        activeFrame = id
        defer { activeFrame = nil }
        guard var join = takeJoin(id), case .map(var run) = join.kind else { return }
        run.writerToken = nil
        join.kind = .map(run)
        failMap(id, &join, located(StatesError(StatesError.Name.resultWriterFailed, cause: cause), frame: id))
    }

    /// A child (iteration or child execution) ended.
    mutating func mapChildEnded(_ id: Int, child: Int, join: inout Join, result: Result<JSONValue, StatesError>) {
        // Counting happens in its own function so its copy of the run is gone before `fill` consumes items (a
        // second owner of the buffer would make every consumed item copy it).
        guard countChildEnd(id, child: child, join: &join, result: result) else { return }
        fill(id, &join)
        settle(id, join)
    }

    /// Counts a child's end and keeps its result; false when the Map failed because of it (or is gone).
    private mutating func countChildEnd(
        _ id: Int,
        child: Int,
        join: inout Join,
        result: Result<JSONValue, StatesError>
    ) -> Bool {
        guard case .map(var run) = join.kind, let stateName = frames[id]?.stateName else { return false }
        // Moved out of the join while it changes, so its dictionaries have one owner (no copy per child).
        join.kind = .parallel
        guard let info = run.children.removeValue(forKey: child) else {
            join.kind = .map(run)
            return false
        }
        let distributed = run.limits.distributed
        switch result {
        case .success(let output):
            if !distributed {
                record("MapIterationSucceeded", details: .mapIteration(name: stateName, index: info.slot))
            }
            run.itemsSucceeded += info.itemCount
            join.succeeded += 1
            if distributed { run.succeededSlots.insert(info.slot) }
            store(output, error: nil, info: info, run: run, join: &join)
        case .failure(let error):
            if !distributed {
                record("MapIterationFailed", details: .mapIteration(name: stateName, index: info.slot))
            }
            run.itemsFailed += info.itemCount
            join.failures += 1
            store(nil, error: error, info: info, run: run, join: &join)
            if !distributed || exceeds(run) {
                join.kind = .map(run)
                failMap(id, &join, distributed ? Self.thresholdExceeded : error)
                return false
            }
        }
        join.kind = .map(run)
        return true
    }

    static let thresholdExceeded = StatesError(
        StatesError.Name.exceedToleratedFailureThreshold,
        cause: "The specified tolerated failure threshold was exceeded"
    )

    /// Keeps a child's result: streamed to the ResultWriter, or in its slot of the results array.
    private mutating func store(
        _ output: JSONValue?,
        error: StatesError?,
        info: MapRun.ChildInfo,
        run: MapRun,
        join: inout Join
    ) {
        if let writer = run.writerToken {
            var record = childRecord(info, run: run, status: error == nil ? .succeeded : .failed)
            record.output = output
            record.error = error.map { $0.name.isEmpty ? nil : $0.name } ?? nil
            record.cause = error?.cause
            effects.append(.writeResult(token: writer, record: record))
            return
        }
        while join.results.count <= info.slot { join.results.append(nil) }
        if let output {
            join.results[info.slot] = output
        } else if let error {
            var o = JSONObject()
            if !error.name.isEmpty { o["Error"] = .string(error.name) }
            if let cause = error.cause { o["Cause"] = .string(cause) }
            join.results[info.slot] = .object(o)
        }
    }

    /// A child execution's result record, ending now, without output or error yet.
    private func childRecord(_ info: MapRun.ChildInfo, run: MapRun, status: ExecutionStatus) -> ChildExecutionRecord {
        let machine = context.stateMachineName
        let label = run.mapRunArn.split(separator: ":").dropLast().last.map { String($0) } ?? machine
        let prefix = run.mapRunArn.split(separator: ":", omittingEmptySubsequences: false).prefix(5).joined(
            separator: ":"
        )
        var record = ChildExecutionRecord(
            executionArn: "\(prefix):execution:\(label):\(info.name)",
            name: info.name,
            stateMachineArn: "\(prefix):stateMachine:\(label)",
            input: info.input,
            output: nil,
            error: nil,
            cause: nil,
            status: status,
            startDate: info.start,
            stopDate: now,
            itemCount: info.itemCount
        )
        record.redriveCount = run.redriveCount
        return record
    }

    /// Puts the join back, and finishes the Map when nothing is left to run.
    private mutating func settle(_ id: Int, _ join: Join) {
        guard case .map(var run) = join.kind, frames[id] != nil else { return }
        let done = join.running.isEmpty && run.exhausted && run.bufferedCount == 0
        guard done else {
            frames[id]?.phase = .joining(join)
            return
        }
        if run.limits.distributed, exceeds(run, atEnd: true) {
            var j = join
            failMap(id, &j, Self.thresholdExceeded)
            return
        }
        if let writer = run.writerToken, !run.closing {
            run.closing = true
            var j = join
            j.kind = .map(run)
            frames[id]?.phase = .joining(j)
            effects.append(.closeResultWriter(token: writer, commit: true))
            return
        }
        if run.writerToken != nil {
            frames[id]?.phase = .joining(join)
            return
        }
        if run.limits.distributed {
            record("MapRunSucceeded", ["mapRunArn": .string(run.mapRunArn)])
            endedMapRuns.append(MapRunProgress(run, join, status: .succeeded))
        }
        finishJoin(id, join)
    }

    /// The Map fails: its children are stopped, its reader and writer closed, then Retry / Catch apply.
    /// What a redrive of the Distributed Map running in `frame` keeps: its ARN and the slots that succeeded.
    func runningMapRedrive(_ frame: Frame) -> MapRedrive? {
        guard case .joining(let join) = frame.phase, case .map(let run) = join.kind, run.limits.distributed else {
            return nil
        }
        return Self.mapRedrive(run, join)
    }

    static func mapRedrive(_ run: MapRun, _ join: Join) -> MapRedrive {
        var succeeded: [Int: JSONValue] = [:]
        for slot in run.succeededSlots {
            succeeded[slot] = slot < join.results.count ? join.results[slot] ?? .null : .null
        }
        return MapRedrive(mapRunArn: run.mapRunArn, succeeded: succeeded, redriveCount: run.redriveCount + 1)
    }

    private mutating func failMap(_ id: Int, _ join: inout Join, _ error: StatesError) {
        if case .map(var run) = join.kind, run.limits.distributed {
            // Child executions still running are stopped by the failure: ABORTED, with a record in the results.
            for child in join.running.sorted() {
                guard let info = run.children.removeValue(forKey: child) else { continue }
                run.childrenAborted += 1
                run.itemsAborted += info.itemCount
                if let writer = run.writerToken {
                    effects.append(.writeResult(token: writer, record: childRecord(info, run: run, status: .aborted)))
                }
            }
            join.kind = .map(run)
        }
        for other in join.running { cancelTree(other) }
        join.running = []
        if case .map(let run) = join.kind {
            if let token = run.readerToken, readerRequests[token] != nil {
                tokens[token] = nil
                readerRequests[token] = nil
                effects.append(.closeItemReader(token: token))
            }
            if let token = run.writerToken {
                tokens[token] = nil
                effects.append(.closeResultWriter(token: token, commit: false))
            }
            record(run.limits.distributed ? "MapRunFailed" : "MapStateFailed", failureDetails(error))
            if run.limits.distributed, frames[id]?.parent == nil { failedMapRuns[id] = Self.mapRedrive(run, join) }
            if run.limits.distributed { endedMapRuns.append(MapRunProgress(run, join, status: .failed)) }
        }
        frames[id]?.phase = .working
        handleError(id, error)
        schedule(id)
    }

    /// Child executions a Distributed Map may run at once for a MaxConcurrency (0: no limit, AWS's 10,000), within
    /// the ceiling the owner set.
    private func effectiveChildLimit(_ maxConcurrency: Int) -> Int {
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
    private func exceeds(_ run: MapRun, atEnd: Bool = false) -> Bool {
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

    private func mapLimits(
        _ map: MapState,
        input: JSONValue,
        frame: Int
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
