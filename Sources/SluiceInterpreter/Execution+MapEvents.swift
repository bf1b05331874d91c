import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// What happens to a map run: items read, results written, children ended (counted, recorded, settled), a run
/// that fails stopping its children.
extension Execution {

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
        modifyFrame(id) { $0.phase = .working }
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
    mutating func countChildEnd(
        _ id: Int,
        child: Int,
        join: inout Join,
        result: Result<JSONValue, StatesError>
    ) -> Bool {
        guard case .map(var run) = join.kind, let stateName = readFrame(id, { $0.stateName }) else { return false }
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
    mutating func store(
        _ output: JSONValue?,
        error: StatesError?,
        info: MapRun.ChildInfo,
        run: MapRun,
        join: inout Join
    ) {
        if run.limits.distributed || run.writerToken != nil {
            var record = childRecord(info, run: run, status: error == nil ? .succeeded : .failed)
            record.error = error.map { $0.name.isEmpty ? nil : $0.name } ?? nil
            record.cause = error?.cause
            if run.limits.distributed { effects.append(.childExecutionEnded(mapRunArn: run.mapRunArn, record: record)) }
            if let writer = run.writerToken {
                record.output = output
                effects.append(.writeResult(token: writer, record: record))
                return
            }
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
    func childRecord(_ info: MapRun.ChildInfo, run: MapRun, status: ExecutionStatus) -> ChildExecutionRecord {
        let arns =
            run.childArns.named
            ?? MapRunChildArns.arns(prefix: run.childArns.prefix, label: context.stateMachineName)
        var record = ChildExecutionRecord(
            executionArn: arns.executionArnPrefix + info.name,
            name: info.name,
            stateMachineArn: arns.stateMachineArn,
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
    mutating func settle(_ id: Int, _ join: Join) {
        guard case .map(var run) = join.kind, frames.index(forKey: id) != nil else { return }
        let done = join.running.isEmpty && run.exhausted && run.bufferedCount == 0
        guard done else {
            modifyFrame(id) { $0.phase = .joining(join) }
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
            modifyFrame(id) { $0.phase = .joining(j) }
            effects.append(.closeResultWriter(token: writer, commit: true))
            return
        }
        if run.writerToken != nil {
            modifyFrame(id) { $0.phase = .joining(join) }
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

    mutating func failMap(_ id: Int, _ join: inout Join, _ error: StatesError) {
        if case .map(var run) = join.kind, run.limits.distributed {
            // Child executions still running are stopped by the failure: ABORTED, with a record in the results.
            for child in join.running.sorted() {
                guard let info = run.children.removeValue(forKey: child) else { continue }
                run.childrenAborted += 1
                run.itemsAborted += info.itemCount
                let record = childRecord(info, run: run, status: .aborted)
                effects.append(.childExecutionEnded(mapRunArn: run.mapRunArn, record: record))
                if let writer = run.writerToken { effects.append(.writeResult(token: writer, record: record)) }
            }
            if let writer = run.writerToken { writePending(id, run, writer: writer) }
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
        modifyFrame(id) { $0.phase = .working }
        handleError(id, error)
        schedule(id)
    }

    /// The items a failed map run had read but never started, as AWS keeps them: in PENDING_n result files, one
    /// record per child they would have made (batched as the ItemBatcher would have), so a redrive runs them. Items
    /// the reader had not delivered yet are not known here and are not listed.
    /// Works on a copy of the run, so its counts (DescribeMapRun's pending items) stay as they were.
    mutating func writePending(_ id: Int, _ run: MapRun, writer: Int) {
        guard case .map(let map)? = readFrame(id, { f in f.withState { $0.kind } }) else { return }
        var rest = run
        let perChild = rest.limits.maxItemsPerBatch ?? 1
        while rest.bufferedCount > 0 {
            guard let (input, _, count) = try? takeChildInput(map, &rest, frame: id, perChild: perChild) else { return }
            let info = MapRun.ChildInfo(slot: rest.nextSlot, name: uuid(), input: input, start: now, itemCount: count)
            rest.nextSlot += 1
            effects.append(.writeResult(token: writer, record: childRecord(info, run: rest, status: .pendingRedrive)))
        }
    }

    /// Child executions a Distributed Map may run at once for a MaxConcurrency (0: no limit, AWS's 10,000), within
}
