import Foundation
import Logging
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceTopics
import SluiceVocabulary

/// One execution from its start request to its end: recorded as started (with its RUNNING status change's
/// hand-offs, and the removal of the hand-off that asked for it), run through the pipeline with its journal, and
/// recorded as ended (with its final status change's hand-offs). A resumed execution replays its journal first.
struct ExecutionRun {
    let runtime: DaemonRuntime
    let request: StartRequest

    /// The most Distributed Map children at once: what a resumed execution started with, else from MaxWorkers now.
    var distributedConcurrencyCeiling: Int {
        request.resume?.stored.distributedConcurrencyCeiling
            ?? PipelineRunner.ceiling(maxWorkers: runtime.settings.maxWorkers)
    }

    func run() async {
        guard let machine = request.resume?.definition ?? runtime.config.current.machines[request.machine] else {
            retryLater()
            return
        }
        let context = ExecutionContext.make(
            stateMachineName: request.machine,
            executionName: request.resume?.stored.record.name ?? request.name ?? UUID().uuidString.lowercased(),
            region: runtime.settings.region,
            account: runtime.settings.account,
            startTime: Timestamp(
                epochMilliseconds: request.resume?.stored.startMillis ?? request.startMillis
                    ?? runtime.clock.now().epochMilliseconds
            )
        )
        let seed = request.resume?.stored.seed ?? UInt64.random(in: 0...UInt64.max)
        var logger = runtime.logger
        logger[metadataKey: "sluice.execution"] = .string(context.executionArn)
        logger[metadataKey: "sluice.state.machine"] = .string(request.machine)
        guard begin(context, machine: machine, seed: seed, logger: logger) else { return }
        runtime.counters.executionStarted()
        runtime.telemetry.executionStarted(stateMachine: request.machine)
        var execution = Execution(definition: machine, context: context, input: request.input, seed: seed)
        let outcome = await pipeline(&execution, logger: logger)
        runtime.counters.mapRunsEnded(executionArn: context.executionArn)
        // Stopped at once (the store could not be written): the execution stays RUNNING, and a restart carries it
        // on from its journal; recording what cancellation did to it would end it for nothing.
        guard !Task.isCancelled else {
            runtime.telemetry.executionEnded(
                stateMachine: request.machine,
                executionArn: context.executionArn,
                status: .running
            )
            runtime.histories.remove(context.executionArn)
            logger.warning("execution \(LogNames.execution(context.executionArn)) left RUNNING: sluiced stops at once")
            return
        }
        end(execution, outcome: outcome, logger: logger)
        // Its history is in sluice.db now.
        runtime.histories.remove(context.executionArn)
    }

    /// Says (and for a new execution, records) that it starts; false when it must not run.
    private func begin(_ context: ExecutionContext, machine: StateMachineDefinition, seed: UInt64, logger: Logger)
        -> Bool
    {
        let name = LogNames.execution(context.executionArn)
        let running = statusEvent(context, status: .running, outcome: nil)
        let about = "execution \(name) (RUNNING)"
        if let resume = request.resume, resume.redrive {
            logger.info("execution \(name) redriven (replaying its journal of \(resume.journal.count) events)")
            do {
                runtime.handoffs.dispatch(
                    try runtime.store.database.handOff(runtime.handoffs.plan(running, key: nil, about: about))
                )
            } catch {
                logger.error("cannot record the redriven execution's status change: \(error)")
            }
            return true
        }
        if let resume = request.resume {
            logger.info("execution \(name) resumed from its journal (\(resume.journal.count) events)")
            return true
        }
        guard
            recordStart(
                context,
                machine: machine,
                seed: seed,
                statusHandoffs: runtime.handoffs.plan(running, key: nil, about: about),
                logger: logger
            )
        else { return false }
        logger.info("execution \(name) started \(Self.startedBy(request))")
        return true
    }

    /// Runs the execution through the pipeline (functions, buckets, topics) with its journal and controls.
    private func pipeline(_ execution: inout Execution, logger: Logger) async -> ExecutionOutcome {
        let runtime = runtime
        let executionArn = execution.context.executionArn
        let lease = runtime.hosts.acquire()
        let events = runtime.controls.events(for: executionArn)
        defer { runtime.controls.close(executionArn) }
        let outcome = await PipelineRunner.run(
            &execution,
            root: runtime.paths.root,
            host: lease.host,
            maxWorkers: runtime.settings.maxWorkers,
            distributedConcurrencyCeiling: distributedConcurrencyCeiling,
            maintainWorkers: false,
            onPublish: { message in published(message) },
            children: DaemonChildExecutions(runtime: runtime),
            activities: DaemonActivityWorkers(runtime: runtime),
            onProgress: { runs in progress(runs, executionArn: executionArn, logger: logger) },
            onChildEnded: { [journal = runtime.journal] in journal.childEnded(mapRunArn: $0, record: $1) },
            onHistory: { [histories = runtime.histories] in histories.append(executionArn, $0) },
            controls: events,
            callbacks: runtime.callbacks,
            journal: runtime.journal.execution(executionArn),
            replaying: request.resume?.journal ?? [],
            redriving: request.resume?.redrive ?? false,
            clock: runtime.clock
        )
        await runtime.hosts.release(lease)
        return outcome
    }

    /// A message an sns:publish task stored: its delivery is recorded before the task's result can be journaled,
    /// so a restart delivers it even if the execution has moved on.
    private func published(_ message: TopicMessage) {
        FaultPoint.executionPublishAfterStore.reach()
        runtime.recordDelivery(of: message) { FaultPoint.executionPublishAfterCommit.reach() }
    }

    /// Map runs' progress: saved for `sluice map-runs`, counted for the status line, logged a few seconds apart.
    private func progress(_ runs: [MapRunProgress], executionArn: String, logger: Logger) {
        runtime.counters.mapRuns(runs.filter { $0.status == .running }, executionArn: executionArn)
        runtime.telemetry.mapRunProgress(runs, executionArn: executionArn, stateMachine: request.machine)
        do {
            try runtime.store.save(runs, executionArn: executionArn)
        } catch {
            logger.error("cannot save map run progress of execution \(LogNames.execution(executionArn)): \(error)")
        }
        for run in runs {
            for line in runtime.progressLog.lines(for: [run]) {
                logger.info("\(line)", metadata: ["sluice.map.run": .string(run.mapRunArn)])
            }
        }
    }

    /// Records the end with its status change's hand-offs, carries those out, and says how it ended.
    private func end(_ execution: Execution, outcome: ExecutionOutcome, logger: Logger) {
        let context = execution.context
        let name = LogNames.execution(context.executionArn)
        do {
            try runtime.journal.flush()
            let ended = statusEvent(context, status: outcome.status, outcome: outcome)
            let stored = try runtime.store.executionEnded(
                execution,
                input: request.input,
                outcome: outcome,
                at: runtime.clock.now(),
                handoffs: runtime.handoffs.plan(ended, key: nil, about: "execution \(name) (\(outcome.status))")
            )
            FaultPoint.endAfterCommit.reach()
            runtime.handoffs.dispatch(stored)
            runtime.endings.ended(context.executionArn)
        } catch {
            logger.error("cannot save the end of execution \(name): \(error)")
        }
        let took = LogNames.duration(
            Double(runtime.clock.now().epochMilliseconds - context.startTime.epochMilliseconds) / 1000
        )
        switch outcome {
        case .succeeded:
            logger.info("execution \(name) SUCCEEDED in \(took)")
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            logger.error(
                "execution \(name) \(outcome.status) in \(took): \(error ?? "(no error)"): \(cause ?? "")",
                metadata: ["sluice.error": .string(error ?? "")]
            )
        }
        runtime.counters.executionEnded(succeeded: outcome.status == .succeeded)
        runtime.telemetry.executionEnded(
            stateMachine: request.machine,
            executionArn: context.executionArn,
            status: outcome.status
        )
    }

    /// The EventBridge event Step Functions sends for a status change.
    private func statusEvent(_ context: ExecutionContext, status: ExecutionStatus, outcome: ExecutionOutcome?)
        -> JSONValue
    {
        StatusChangeEvent.make(
            id: UUID().uuidString.lowercased(),
            region: runtime.settings.region,
            account: runtime.settings.account,
            executionArn: context.executionArn,
            stateMachineArn: context.stateMachineArn,
            name: context.executionName,
            status: status.rawValue,
            startDate: context.startTime,
            stopDate: outcome == nil ? nil : runtime.clock.now(),
            input: request.input,
            outcome: outcome
        )
    }

    /// `by rule R for s3://B/K`, `by sluice start-execution`: what the journal says started an execution.
    static func startedBy(_ request: StartRequest) -> String {
        if request.rule == "(start-execution)" { return "by sluice start-execution" }
        return "by rule \(request.rule)" + (request.about.map { " for " + $0 } ?? "")
    }
}
