import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// One execution of a state machine, as a pure state machine: events in, effects and history out.
///
/// It never performs I/O or reads a clock: every call says what time it is, Task work leaves as `.invoke` effects
/// and comes back as events, and waits leave as timers. The whole value can be saved after any call and resumed
/// later.
package struct Execution: Sendable {
    package let definition: StateMachineDefinition
    package let context: ExecutionContext
    package let input: JSONValue
    package private(set) var history: [HistoryEvent] = []
    package internal(set) var outcome: ExecutionOutcome?
    /// Distributed Map runs that have ended, with their final counters, in the order they ended.
    package internal(set) var endedMapRuns: [MapRunProgress] = []
    /// How many Distributed Map runs have started, so a runner can report a new one at once.
    package internal(set) var mapRunsStarted = 0
    /// When false, only the events needed for cause texts are counted, not kept (large inline maps).
    package var recordsHistory = true
    /// A guard against definitions that loop forever without waiting: the execution fails past this many events.
    package var maximumHistoryEvents = 1_000_000
    /// AWS's payload quota on task results, state inputs after Parameters and state outputs (256 KiB); nil lifts it.
    package var payloadSizeLimit: Int? = 262_144

    var frames: [Int: Frame] = [:]
    /// False until some frame gets a variable (Assign, a redrive's restore): until then no lookup needs to walk
    /// the frames, which saves copying each of them on every evaluation.
    var anyVariables = false
    /// False until a Distributed Map starts a child execution: until then no frame has a `childExecutionRoot`, and
    /// neither a new frame nor a recorded event needs to look one up (which copies a Frame out of `frames`).
    var anyChildExecution = false
    /// Token of an outstanding invocation or timer → the frame waiting on it.
    var tokens: [Int: Int] = [:]
    var nextID = 1
    var eventCount = 0
    var rng: SplitMix64
    var now: Timestamp
    var effects: [Effect] = []
    var runQueue: [Int] = []
    var runQueueHead = 0
    var executionTimeoutToken: Int?
    /// The frame whose work is being done, for numbering the events it records.
    var activeFrame: Int?
    /// How many child executions of a Distributed Map may run at once when MaxConcurrency allows more (or is 0):
    /// AWS allows 10,000; a local owner sets what its workers can usefully take, which bounds memory too.
    package var distributedConcurrencyCeiling = 10_000
    let paths: PathTable
    /// Open ItemReaders, by token: what to ask the owner for when a Map needs more items.
    var readerRequests: [Int: ItemReadRequest] = [:]
    /// Where RedriveExecution would restart, once the execution has failed, timed out or been stopped.
    var redrivePoint: RedrivePoint?
    /// A Distributed Map that failed, by frame, until its frame's failure is known to end the execution.
    var failedMapRuns: [Int: MapRedrive] = [:]
    /// The map run a redriven Map state carries on with (taken when the state starts again).
    var mapRedrive: MapRedrive?
    /// RedriveExecution calls so far (DescribeExecution's redriveCount).
    package internal(set) var redriveCount = 0

    package init(definition: StateMachineDefinition, context: ExecutionContext, input: JSONValue, seed: UInt64) {
        self.definition = definition
        self.context = context
        self.input = input
        self.rng = SplitMix64(seed: seed)
        self.now = context.startTime
        self.paths = PathTable(definition)
    }

    /// Starts the execution; returns what to do first.
    package mutating func start() -> [Effect] {
        effects = []
        record(
            "ExecutionStarted",
            details: .payload(["roleArn": .string(context.roleArn)], key: "input", payload: input)
        )
        let root = newFrame(machine: definition, parent: nil, input: input)
        startExecutionTimeout()
        schedule(root)
        run()
        return takeEffects()
    }

    /// The execution's TimeoutSeconds, from now (its start, or a redrive's).
    mutating func startExecutionTimeout() {
        guard let timeout = definition.timeoutSeconds else { return }
        let token = allocate()
        executionTimeoutToken = token
        tokens[token] = -1
        effects.append(.startTimer(token: token, fireAt: now.adding(seconds: Double(timeout))))
    }

    /// Feeds one event at time `now`; returns what to do next.
    package mutating func handle(_ event: ExecutionEvent, at now: Timestamp) -> [Effect] {
        effects = []
        if case .redrive = event { return redrive(at: now) }
        guard outcome == nil else { return [] }
        self.now = max(self.now, now)
        switch event {
        case .taskSucceeded(let token, let output): taskSucceeded(token: token, output: output)
        case .taskFailed(let token, let error, let cause): taskFailed(token: token, error: error, cause: cause)
        case .taskHeartbeat(let token): taskHeartbeat(token: token)
        case .taskSubmitted(let token, let output): taskSubmitted(token: token, output: output)
        case .timerFired(let token): timerFired(token: token)
        case .itemsRead(let token, let items, let exhausted, let sizes, _):
            itemsRead(token: token, items: items, exhausted: exhausted, sizes: sizes)
        case .itemReaderFailed(let token, let cause): itemReaderFailed(token: token, cause: cause)
        case .resultsWritten(let token, let details): resultsWritten(token: token, details: details)
        case .resultWriterFailed(let token, let cause): resultWriterFailed(token: token, cause: cause)
        case .mapRunUpdated(let arn, let maxConcurrency, let count, let percentage):
            updateMapRun(arn, maxConcurrency: maxConcurrency, toleratedFailureCount: count, percentage: percentage)
        case .redrive: break
        case .stop(let error, let cause):
            var details = JSONObject()
            if let error { details["error"] = .string(error) }
            if let cause { details["cause"] = .string(cause) }
            record("ExecutionAborted", details)
            finish(.aborted(error: error, cause: cause))
        }
        run()
        return takeEffects()
    }

    mutating func takeEffects() -> [Effect] {
        let e = effects
        effects = []
        return e
    }

    // MARK: - Frames and the run queue

    mutating func allocate() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    mutating func newFrame(machine: StateMachineDefinition, parent: Frame.ParentLink?, input: JSONValue) -> Int {
        let id = allocate()
        var frame = Frame(id: id, machine: machine, parent: parent, input: input, now: now)
        if anyChildExecution {
            frame.childExecutionRoot = parent.flatMap { link in readFrame(link.frame) { $0.childExecutionRoot } ?? nil }
        }
        frames[id] = frame
        return id
    }

    /// Makes `id` the root of a child execution (a Distributed Map child): own variables, own event numbering.
    mutating func makeChildExecution(_ id: Int) {
        anyChildExecution = true
        modifyFrame(id) {
            $0.isolated = true
            $0.childExecutionRoot = id
            $0.localEvents = 1  // its ExecutionStarted
        }
    }

    mutating func schedule(_ frame: Int) { runQueue.append(frame) }

    /// Changes a frame where it is stored: `frames[id]?.field = x` moves the frame out of the dictionary and
    /// copies it back in (every reference it holds retained and released), the values view changes it in place.
    @discardableResult
    mutating func modifyFrame<Result>(_ id: Int, _ body: (inout Frame) -> Result) -> Result? {
        guard let index = frames.index(forKey: id) else { return nil }
        return body(&frames.values[index])
    }

    /// Reads a frame where it is stored: `frames[id]`, and the values view's getter too, copy the whole frame
    /// out (every reference it holds retained and released) to read one field of it; the modify accessor
    /// lends it in place, hence `mutating`.
    mutating func readFrame<Result>(_ id: Int, _ body: (Frame) -> Result) -> Result? {
        modifyFrame(id) { frame in body(frame) }
    }

    /// Advances every runnable frame until all are blocked on effects or finished.
    mutating func run() {
        while runQueueHead < runQueue.count {
            let id = runQueue[runQueueHead]
            runQueueHead += 1
            if runQueueHead > 1024, runQueueHead * 2 > runQueue.count {
                runQueue.removeFirst(runQueueHead)
                runQueueHead = 0
            }
            guard outcome == nil else { break }
            step(id)
        }
        runQueue.removeAll(keepingCapacity: true)
        runQueueHead = 0
    }

    /// Runs one frame through as many states as it can go without waiting.
    private mutating func step(_ id: Int) {
        activeFrame = id
        defer { activeFrame = nil }
        while outcome == nil {
            let entering = readFrame(id) { frame -> Bool? in
                switch frame.phase {
                case .entering: true
                case .working: false
                default: nil
                }
            }
            switch entering {
            case true??: enter(id)
            case false??: work(id)
            default: return
            }
        }
    }

    // MARK: - History

    /// Appends a history event; returns its id.
    @discardableResult
    mutating func record(_ type: String, _ details: JSONObject) -> Int {
        record(type, details: .object(details))
    }

    @discardableResult
    mutating func record(_ type: String, details: HistoryDetails = .none) -> Int {
        // Inside a Distributed Map child execution: its own numbering, not the parent's history. (Read and
        // changed in place: `frames[id]?.field` would copy the frame out, for every state of every child.)
        if anyChildExecution, let active = activeFrame, let root = readFrame(active, { $0.childExecutionRoot }) ?? nil,
            let local = modifyFrame(root, Self.countLocalEvent)
        {
            return local
        }
        eventCount += 1
        if recordsHistory {
            history.append(
                HistoryEvent(
                    id: eventCount,
                    previousEventId: eventCount - 1,
                    timestamp: now,
                    type: type,
                    details: details
                )
            )
        }
        if eventCount > maximumHistoryEvents, outcome == nil {
            let cause = "The execution reached the maximum number of history events (\(maximumHistoryEvents))."
            fail(error: StatesError.runtime(cause))
        }
        return eventCount
    }

    /// One more event in a child execution's own numbering; answers its id.
    static func countLocalEvent(_ root: inout Frame) -> Int {
        root.localEvents += 1
        return root.localEvents
    }

    // MARK: - The end

    mutating func finish(_ result: ExecutionOutcome) {
        guard outcome == nil else { return }
        outcome = result
        // Stopped or timed out with the top-level frame still running: a redrive starts again where it is.
        if redrivePoint == nil, let root = frames.values.first(where: { $0.parent == nil }) {
            redrivePoint = RedrivePoint(
                stateName: root.stateName,
                input: root.input,
                variables: root.variables,
                map: runningMapRedrive(root)
            )
        }
        for (token, frame) in tokens {
            if readerRequests[token] != nil {
                effects.append(.closeItemReader(token: token))
                continue
            }
            if frame == -1 {
                effects.append(.cancelTimer(token: token))
                continue
            }
            switch frames[frame]?.phase {
            case .awaitingTask(let wait) where wait.token == token: effects.append(.cancelInvocation(token: token))
            default: effects.append(.cancelTimer(token: token))
            }
        }
        tokens = [:]
        readerRequests = [:]
        frames = [:]
        effects.append(.finished(result))
    }

    /// The execution fails with `error` (ExecutionFailed).
    mutating func fail(error: StatesError) {
        guard outcome == nil else { return }
        var details = JSONObject()
        details["error"] = .string(error.name)
        if let cause = error.cause { details["cause"] = .string(cause) }
        outcome = nil
        eventCount += 1
        if recordsHistory {
            history.append(
                HistoryEvent(
                    id: eventCount,
                    previousEventId: eventCount - 1,
                    timestamp: now,
                    type: "ExecutionFailed",
                    details: .object(details)
                )
            )
        }
        finish(.failed(error: error.name.isEmpty ? nil : error.name, cause: error.cause))
    }
}
