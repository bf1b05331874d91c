import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// Drives one execution in-process: performs its effects (Task invocations run concurrently, timers really wait,
/// cancellations stop them) and feeds the results back until it ends.
package struct LocalRunner {
    /// Runs a Task invocation.
    package typealias TaskHandler = @Sendable (TaskInvocation) async -> Result<JSONValue, StatesError>

    package var handler: TaskHandler = LocalRunner.unimplemented
    package var mapIO: any MapIO = NoMapIO()
    /// Told how the execution's Map runs are doing, at most every `progressInterval`, and at once when one ends.
    package var onProgress: (@Sendable ([MapRunProgress]) -> Void)?
    package var progressInterval: Duration = .seconds(1)
    /// Told each Distributed Map child execution that ends (again when a replay meets it: keeping it is idempotent).
    package var onChildEnded: (@Sendable (String, ChildExecutionRecord) -> Void)?
    /// Told the history events added since it was last told, before the runner waits for the next event
    /// (GetExecutionHistory of a running execution reads them).
    package var onHistory: (@Sendable ([HistoryEvent]) -> Void)?
    /// Events from outside the execution (UpdateMapRun), handled as they come.
    package var controls: AsyncStream<ExecutionEvent>?
    /// Where SendTaskSuccess and its kin reach this execution's callback Tasks.
    package var callbacks: Callbacks?
    /// Told every event handled, in order, so the execution can be rebuilt after a restart.
    package var journal: (any ExecutionJournal)?
    /// A journal to rebuild the execution from before it carries on (see `replay`).
    package var replaying: [ReplayedEvent] = []
    /// After the replay, RedriveExecution: the ended execution carries on from the state that failed.
    package var redriving = false
    /// The time events are stamped with and timers (Wait, TimeoutSeconds, Retry intervals) fire by.
    package var wallClock: WallClock = .system

    package init(mapIO: any MapIO = NoMapIO(), handler: @escaping TaskHandler = LocalRunner.unimplemented) {
        self.mapIO = mapIO
        self.handler = handler
    }

    package func run(_ execution: inout Execution) async -> ExecutionOutcome {
        let (events, sink) = AsyncStream<ExecutionEvent>.makeStream()
        // Each outstanding invocation or timer is a task keyed by its token, so the interpreter can cancel it
        // (a Task's TimeoutSeconds, a failed Parallel branch). None outlives this call.
        var running: [Int: Task<Void, Never>] = [:]
        defer {
            for task in running.values { task.cancel() }
            // Finished first: a callback delivered from now on finds the stream closed, and closeAll releases those
            // delivered before that nobody will handle.
            sink.finish()
            if let callbacks { callbacks.registry.closeAll(executionArn: callbacks.executionArn) }
        }
        let forwarding = controls.map { controls in
            Task {
                for await event in controls { sink.yield(event) }
            }
        }
        defer { forwarding?.cancel() }
        var effects = execution.start()
        var sequence = replaying.count
        if !replaying.isEmpty {
            let residue = await replay(replaying, into: &execution, first: effects)
            if let outcome = residue.outcome, !redriving { return outcome }
            effects = residue.effects
            for invocation in residue.callbacks { reopenCallback(invocation, sink: sink) }
            for event in residue.events { sink.yield(event) }
        }
        let wallClock = wallClock
        if redriving {
            let now = wallClock.now()
            effects = effects.filter { if case .finished = $0 { false } else { true } }
            effects += execution.handle(.redrive, at: now)
            journal?.record(sequence: sequence, at: now, entry: .event(.redrive))
            sequence += 1
        }
        if let callbacks { callbacks.registry.started(executionArn: callbacks.executionArn) }
        var iterator = events.makeAsyncIterator()
        var progress = ProgressReport(interval: progressInterval)
        var historyReport = HistoryReport()
        while true {
            for effect in effects {
                if let outcome = await perform(effect, running: &running, sink: sink) { return outcome }
            }
            if let onHistory { historyReport.report(execution, tell: onHistory) }
            guard let event = await iterator.next() else {
                return execution.outcome ?? .failed(error: StatesError.Name.runtime, cause: "The execution stalled")
            }
            switch event {
            case .taskSucceeded(let token, _), .taskFailed(let token, _, _), .timerFired(let token):
                running[token] = nil
            default:
                break
            }
            let now = wallClock.now()
            effects = execution.handle(event, at: now)
            journal?.record(sequence: sequence, at: now, entry: JournalEntry(event))
            sequence += 1
            callbacks?.registry.handled(event, executionArn: callbacks?.executionArn ?? "")
            if let onProgress { progress.handled(event, by: execution, tell: onProgress) }
        }
    }

    package static func now() -> Timestamp {
        Timestamp(epochMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    /// What AWS answers for a resource that does not exist: for Lambda, ResourceNotFoundException.
    package static let unimplemented: TaskHandler = { invocation in
        let resource = invocation.resource
        if resource.hasPrefix("arn:aws:states:::lambda:invoke") {
            let name = invocation.input["FunctionName"]?.stringValue ?? "(none)"
            return .failure(
                StatesError(
                    "Lambda.ResourceNotFoundException",
                    cause:
                        "Function not found: \(name) (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)"
                )
            )
        }
        if resource.hasPrefix("arn:aws:lambda:") || !resource.hasPrefix("arn:") {
            return .failure(
                StatesError(
                    "Lambda.ResourceNotFoundException",
                    cause:
                        "Function not found: \(resource) (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)"
                )
            )
        }
        return .failure(
            StatesError(
                StatesError.Name.runtime,
                cause: "The resource '\(resource)' is not available in sluice yet"
            )
        )
    }
}
