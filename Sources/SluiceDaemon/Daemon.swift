import Foundation
import Logging
import ServiceLifecycle
import SluiceASL
import SluiceCore
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceSystemd
import SluiceTopics
import SluiceWatch
import SluiceWorkers
import Synchronization
import UnixSignals

/// sluiced: buckets watched → rules → executions (functions, buckets, topics) → subscribers, under systemd.
///
/// One service. Its run() sets everything up, says READY=1, then runs the loops side by side in a task group: the
/// bucket watcher, the executions, the topic deliveries, SIGHUP reloads, and the status / watchdog ticker. On
/// graceful shutdown (SIGTERM) it stops taking new objects, lets running executions finish, and returns.
public struct Daemon: Service {
    let paths: DaemonPaths
    let settings: DaemonSettings
    let logger: Logger
    let notifier = SystemdNotifier()
    /// Map runs' progress lines, a few seconds apart.
    let progressLog = MapRunProgressLog()

    public init(root: String, settings: DaemonSettings, logger: Logger) {
        self.paths = DaemonPaths(root: root)
        self.settings = settings
        self.logger = logger
    }

    /// A request to start an execution: a hand-off (a rule target, `sluice start-execution`), or an execution to
    /// carry on (resumed or redriven).
    struct StartRequest: Sendable {
        var machine: String
        var input: JSONValue
        var rule: String
        /// The hand-off asking for it; its attempts and age count against `retry`.
        var handoff: Handoff?
        /// The target's RetryPolicy while the state machine does not exist.
        var retry = RetryPolicy()
        /// An execution a previous sluiced left running, to rebuild from its journal and carry on.
        var resume: Resume?
        /// The execution's name: the hand-off's, or the resumed execution's.
        var name: String?
        /// The start date StartExecution answered with (milliseconds since 1970); nil: when it starts.
        var startMillis: Int64?
        /// What the event that started it was about, for the log.
        var about: String?
    }

    /// What a resumed execution starts from.
    struct Resume: Sendable {
        var stored: ResumableExecution
        var definition: StateMachineDefinition
        var journal: [ReplayedEvent]
        /// RedriveExecution: after the replay the ended execution carries on from the state that failed.
        var redrive = false
    }

    public func run() async throws {
        // One root, one sluiced: before anything is read or reported.
        let lock = try DaemonLock(paths: paths)
        defer { withExtendedLifetime(lock) {} }
        // The state folders exist from the first start on (systemd's StateDirectory= makes only the top one).
        // Buckets are shared with sluiced's group (members drop files there); made so the first time only, an
        // administrator's later choice stands.
        if !FileManager.default.fileExists(atPath: paths.buckets), let problem = try SharedFolder.prepare(paths.buckets)
        {
            logger.warning("buckets: \(problem)")
        }
        try FileManager.default.createDirectory(atPath: paths.topics, withIntermediateDirectories: true)
        // The store first: a store that cannot be opened stops the daemon with the reason (never a silent reset).
        let persisted: DaemonStore
        do {
            persisted = try DaemonStore(paths: paths)
        } catch {
            logger.critical("cannot open the store \(paths.path("var/lib/sluice/sluice.db")): \(error)")
            throw DaemonError("cannot open the store: \(error)")
        }
        let config = CurrentConfiguration(DaemonConfiguration.load(paths))
        report(config.current.problems)
        makeFolders(of: config.current.buckets)
        let counters = DaemonCounters()
        let controls = MapRunControls()
        let host = FunctionHost(
            directory: paths.functions,
            maxWorkers: settings.maxWorkers,
            logger: logger,
            usersInGroup: getegid()
        )
        for problem in host.problems {
            logger.error("function unavailable: \(problem)", metadata: ["sluice.file": .string(problem.file)])
        }
        await host.start()
        let hosts = FunctionHosts(host)
        let store = TopicStore(root: paths.root, region: settings.region, account: settings.account)
        let logger = logger
        let delivery = DeliveryService(
            subscriptions: config.current.subscriptions,
            store: store,
            state: (try? persisted.deliveryState()) ?? DeliveryState(),
            output: { line in
                logger.info(
                    "subscription \(line.subscription): \(line.text)",
                    metadata: [
                        "sluice.subscription": .string(line.subscription), "sluice.message.id": .string(line.messageId),
                    ]
                )
            },
            onChange: { key, record in
                do {
                    try persisted.save(key, record)
                } catch {
                    logger.error("cannot save delivery \(key.messageId) → \(key.subscription): \(error)")
                }
            }
        )
        let factory = ObjectEventFactory(
            settings: ObjectEventSettings(account: settings.account, region: settings.region),
            sequencerFloor: try persisted.sequencerFloor()
        )
        // Objects reported before are compared with what is in the buckets now: what appeared or changed while
        // sluiced was down is reported once, first.
        let watcher = try BucketWatcher(
            bucketsDirectory: paths.buckets,
            factory: factory,
            known: try persisted.knownObjects(),
            configuration: .init(onProblem: { problem in logger.warning("bucket watch: \(problem)") })
        )
        let (starts, startSink) = AsyncStream<StartRequest>.makeStream()
        let (deliveryJobs, deliverySink) = AsyncStream<(Handoff, HandoffBody)>.makeStream()
        let region = settings.region
        let account = settings.account

        /// Routes one event through the rules in force: the hand-offs (executions to start, messages to publish)
        /// to record with whatever the event follows from.
        @Sendable func plan(_ event: JSONValue, key: String?, about: String?) -> [Handoff] {
            let router = Router(rules: config.current.rules, region: region, account: account)
            let now = LocalRunner.now()
            let routed = RoutedHandoffs(
                router.route(event, ingestionTime: now.iso8601()),
                eventId: event["id"]?.stringValue ?? UUID().uuidString.lowercased(),
                key: key,
                about: about,
                region: region,
                account: account,
                now: now.epochMilliseconds
            )
            for line in routed.dropped { logger.warning("\(line)") }
            return routed.handoffs
        }

        /// Carries out recorded hand-offs: executions to the executions loop, messages to the deliveries loop; one
        /// not due yet (a retry) when it is.
        let watermark = HandoffWatermark()
        @Sendable func dispatch(_ handoffs: [Handoff]) {
            watermark.own(handoffs)
            for handoff in handoffs {
                let wait = handoff.dueMillis - LocalRunner.now().epochMilliseconds
                if wait > 0 {
                    Task {
                        try? await Task.sleep(for: .milliseconds(wait))
                        dispatch([handoff])
                    }
                    continue
                }
                guard let body = HandoffBody(handoff) else {
                    logger.error("hand-off \(handoff.kind.rawValue) \(handoff.subject) is unreadable: dropped")
                    if let id = handoff.id { try? persisted.database.completeHandoff(id) }
                    continue
                }
                switch body {
                case .startExecution(let start):
                    startSink.yield(
                        StartRequest(
                            machine: start.machine,
                            input: start.input,
                            rule: start.rule,
                            handoff: handoff,
                            retry: start.retry,
                            name: start.name,
                            startMillis: start.startMillis,
                            about: start.about
                        )
                    )
                case .publish, .deliver:
                    deliverySink.yield((handoff, body))
                }
            }
        }

        /// Publishes a rule target's message (idempotent by its MessageId) or reads a stored one, delivers it,
        /// and then lets the hand-off go.
        @Sendable func carryOut(_ handoff: Handoff, _ body: HandoffBody) async {
            var message: TopicMessage?
            switch body {
            case .publish(let topic, let text, let messageId, let rule):
                do {
                    message = try store.publish(topic: topic, message: text, messageId: messageId)
                    counters.published()
                    FaultPoint.publishAfterStore.reach()
                } catch {
                    logger.error("rule \(rule): cannot publish to \(topic): \(error)")
                }
            case .deliver(let topic, let messageId, let file):
                message = store.message(topic: topic, file: file)
                if message == nil {
                    logger.error("message \(messageId) of topic \(topic) cannot be read from \(file): not delivered")
                }
            case .startExecution:
                break
            }
            if let message {
                for outcome in await delivery.deliver(message) {
                    counters.delivery(deadLettered: outcome.status == .deadLettered)
                }
            }
            guard let id = handoff.id else { return }
            do {
                try persisted.database.completeHandoff(id)
            } catch {
                logger.error("cannot record hand-off \(handoff.subject) as done (it runs again, harmlessly): \(error)")
            }
        }

        // Executions a previous sluiced left running carry on from their journals; one that cannot (its
        // definition no longer loads) ends ABORTED, with its map runs.
        let journal = DaemonJournal(database: persisted.database)
        let resumes = resumableExecutions(persisted)
        for resume in resumes {
            startSink.yield(
                StartRequest(
                    machine: resume.stored.stateMachineName,
                    input: (try? JSONParser.parse(resume.stored.record.input)) ?? .null,
                    rule: "(resumed)",
                    resume: resume
                )
            )
        }
        // Hand-offs a previous sluiced recorded and did not finish carry on, under the names they were given.
        do {
            let pending = watermark.foreign(try persisted.database.pendingHandoffs())
            if !pending.isEmpty {
                logger.info("carrying on \(pending.count) hand-off(s) the previous sluiced left")
            }
            dispatch(pending)
        } catch {
            logger.error("cannot read the hand-offs left in the store: \(error)")
        }
        let resumed = Set(resumes.map(\.stored.record.executionArn))
        if let aborted = try? persisted.abortRunningMapRuns(except: resumed), aborted > 0 {
            logger.warning("\(aborted) map run(s) left RUNNING by the previous sluiced marked ABORTED")
        }
        if let aborted = try? persisted.abortRunningExecutions(except: resumed) {
            for arn in aborted {
                logger.warning(
                    "execution left RUNNING by the previous sluiced marked ABORTED",
                    metadata: ["sluice.execution": .string(arn)]
                )
            }
        }
        if persisted.isNew {
            try persisted.remember(watcher.initialObjects, sequencer: Sequencer.format(factory.lastSequencer))
        }
        notifier.ready(status: counters.statusLine)
        logger.info(
            "sluiced ready",
            metadata: [
                "sluice.root": .string(paths.root),
                "sluice.state.machines": .string(String(config.current.machines.count)),
                "sluice.rules": .string(String(config.current.rules.rules.count)),
            ]
        )

        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { background in
                // SIGHUP, or a saved configuration file: reload definitions, rules and subscriptions.
                @Sendable func reload(rescan: Bool) async {
                    notifier.reloading()
                    let fresh = DaemonConfiguration.load(paths, previous: config.current)
                    report(fresh.problems)
                    makeFolders(of: fresh.buckets)
                    config.replace(with: fresh)
                    await delivery.replaceSubscriptions(fresh.subscriptions)
                    // Functions: a new host only when a function file changed (warm workers are worth keeping).
                    let functions = FunctionHost(
                        directory: paths.functions,
                        maxWorkers: settings.maxWorkers,
                        logger: logger,
                        usersInGroup: getegid()
                    )
                    for problem in functions.problems {
                        logger.error(
                            "function unavailable: \(problem)",
                            metadata: ["sluice.file": .string(problem.file)]
                        )
                    }
                    if functions.definitions != hosts.host.definitions {
                        await functions.start()
                        await hosts.replace(with: functions)
                        logger.info("functions reloaded")
                    }
                    if rescan { watcher.rescan() }
                    logger.info("configuration reloaded (a file that no longer loads keeps its last good version)")
                    notifier.ready(status: counters.statusLine)
                }
                background.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) { await reload(rescan: true) }
                }
                background.addTask {
                    await ConfigWatcher(paths: paths, logger: logger).run { await reload(rescan: false) }
                }
                // Status and watchdog, pinged from the daemon's own loop so a stuck daemon stops pinging.
                background.addTask {
                    let interval = min(notifier.watchdogInterval.map { $0 / 2 } ?? .seconds(2), .seconds(2))
                    let startedAt = Date().timeIntervalSince1970
                    while !Task.isCancelled {
                        let busy = await hosts.host.busyWorkers()
                        counters.workers(busy: busy)
                        notifier.status(counters.statusLine)
                        notifier.watchdog()
                        // What `sluice status` shows.
                        let report: JSONValue = [
                            "pid": .int(Int(getpid())), "startedAt": .double(startedAt),
                            "updatedAt": .double(Date().timeIntervalSince1970), "status": .string(counters.statusLine),
                            "busyWorkers": .int(busy),
                        ]
                        try? persisted.database.saveDaemonReport(report.serialized())
                        do {
                            try await Task.sleep(for: interval)
                        } catch {
                            return
                        }
                    }
                }
                // UpdateMapRun requests `sluice map-runs update` left in the store, to the executions they are for.
                background.addTask {
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .milliseconds(200))
                        } catch {
                            return
                        }
                        applyMapRunUpdates(persisted: persisted, controls: controls)
                        // Hand-offs others recorded (`sluice publish`'s deliveries).
                        do {
                            dispatch(watermark.foreign(try persisted.database.handoffs(after: watermark.mark)))
                        } catch {
                            logger.error("cannot read the hand-offs in the store: \(error)")
                        }
                        answerControlRequests(
                            ControlRequests(
                                region: settings.region,
                                account: settings.account,
                                machines: config.current.machines,
                                persisted: persisted,
                                controls: controls,
                                start: { startSink.yield($0) }
                            ),
                            dispatch: dispatch
                        )
                    }
                }
                // The executions' journal is written in groups. A store that stays unwritable (disk full) stops the
                // daemon at once: what is journaled is safe, and a restart once there is room carries on from it,
                // where running on would do work nothing records.
                background.addTask {
                    var failingSince: ContinuousClock.Instant?
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .milliseconds(50))
                        } catch {
                            return
                        }
                        do {
                            try journal.flush()
                            failingSince = nil
                        } catch {
                            let since = failingSince ?? .now
                            failingSince = since
                            logger.error("cannot write the execution journal to sluice.db: \(error)")
                            if ContinuousClock.now - since > .seconds(1) {
                                logger.critical(
                                    "sluice.db cannot be written (is the disk full?): stopping now so nothing is done that the store does not record; running executions carry on from their journal after a restart"
                                )
                                notifier.stopping()
                                exit(EXIT_FAILURE)
                            }
                        }
                    }
                }
                // Idle on-demand workers of the host in force are reaped now and then.
                background.addTask {
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .seconds(5))
                        } catch {
                            return
                        }
                        await hosts.host.reapIdle(idleTime: .seconds(60))
                    }
                }
                await withTaskGroup(of: Void.self) { pipeline in
                    // Objects → events → rules. Ends when the watcher closes (graceful shutdown).
                    pipeline.addTask {
                        do {
                            for try await object in watcher.events() {
                                counters.objectSeen()
                                // Reported and what follows from it in one transaction: a crash loses neither. A
                                // bucket declared without EventBridge sends its events nowhere, as on S3.
                                let sends = config.current.buckets[object.bucket]?.sendsEventsToEventBridge ?? true
                                let handoffs =
                                    sends
                                    ? plan(object.event, key: object.key, about: "s3://\(object.bucket)/\(object.key)")
                                    : []
                                FaultPoint.intakeBeforeCommit.reach()
                                let stored: [Handoff]
                                do {
                                    stored = try persisted.record(object, handoffs: handoffs)
                                } catch {
                                    logger.error(
                                        "cannot record s3://\(object.bucket)/\(object.key) in the store: \(error); it is reported again when sluiced restarts"
                                    )
                                    continue
                                }
                                FaultPoint.intakeAfterCommit.reach()
                                logger.log(
                                    level: sends ? .info : .debug,
                                    "\(object.kind.rawValue) s3://\(object.bucket)/\(object.key)",
                                    metadata: ["sluice.object": .string("\(object.bucket)/\(object.key)")]
                                )
                                dispatch(stored)
                            }
                        } catch {
                            logger.error("the bucket watcher stopped: \(error)")
                        }
                        startSink.finish()
                    }
                    // Executions, at most MaxConcurrentExecutions at once; the running ones finish on shutdown.
                    pipeline.addTask {
                        await withTaskGroup(of: Void.self) { executions in
                            var running = 0
                            for await request in starts {
                                if running >= settings.maxConcurrentExecutions {
                                    await executions.next()
                                    running -= 1
                                }
                                running += 1
                                executions.addTask {
                                    await runExecution(
                                        request,
                                        config: config,
                                        hosts: hosts,
                                        counters: counters,
                                        persisted: persisted,
                                        journal: journal,
                                        controls: controls,
                                        onPublish: { message in
                                            counters.published()
                                            FaultPoint.executionPublishAfterStore.reach()
                                            // Recorded before the task's result can be journaled: a restart
                                            // delivers it even if the execution has moved on.
                                            let body = HandoffBody.deliver(
                                                topic: message.topic,
                                                messageId: message.messageId,
                                                file: message.fileName
                                            )
                                            let handoff = body.handoff(
                                                region: region,
                                                account: account,
                                                createdMillis: LocalRunner.now().epochMilliseconds
                                            )
                                            do {
                                                let stored = try persisted.database.handOff([handoff])
                                                FaultPoint.executionPublishAfterCommit.reach()
                                                dispatch(stored)
                                            } catch {
                                                logger.error(
                                                    "cannot record the delivery of message \(message.messageId): \(error)"
                                                )
                                                deliverySink.yield((handoff, body))
                                            }
                                        },
                                        plan: plan,
                                        dispatch: dispatch
                                    )
                                }
                            }
                        }
                        deliverySink.finish()
                    }
                    // Topic messages → subscribers.
                    pipeline.addTask {
                        await withTaskGroup(of: Void.self) { deliveries in
                            // Deliveries a previous run had not finished go first, with the same MessageIds.
                            deliveries.addTask {
                                for outcome in await delivery.resumePending() {
                                    counters.delivery(deadLettered: outcome.status == .deadLettered)
                                }
                            }
                            for await (handoff, body) in deliveryJobs {
                                deliveries.addTask { await carryOut(handoff, body) }
                            }
                        }
                    }
                }
                background.cancelAll()
            }
        } onGracefulShutdown: {
            notifier.stopping()
            logger.info("stopping: no new objects; running executions finish")
            watcher.close()
        }
        await hosts.host.shutdown()
        logger.info("sluiced stopped")
    }

    /// The executions a previous sluiced left running that can carry on: their definition still decodes and
    /// their journal reads back.
    private func resumableExecutions(_ persisted: DaemonStore) -> [Resume] {
        let stored: [ResumableExecution]
        do {
            stored = try persisted.database.resumableExecutions()
        } catch {
            logger.error("cannot read the executions to resume from the store: \(error)")
            return []
        }
        return stored.compactMap { execution in
            let metadata: Logger.Metadata = ["sluice.execution": .string(execution.record.executionArn)]
            guard case .success(let definition) = DefinitionDecoder.decode(text: execution.definition) else {
                logger.error("cannot resume the execution: its definition no longer decodes", metadata: metadata)
                return nil
            }
            do {
                return Resume(
                    stored: execution,
                    definition: definition,
                    journal: try persisted.replayableJournal(execution.record.executionArn)
                )
            } catch {
                logger.error("cannot resume the execution: \(error)", metadata: metadata)
                return nil
            }
        }
    }

    /// Answers what `sluice start-execution` and `sluice executions stop` left in the store; an answer and the
    /// hand-offs it promises are recorded together, then carried out.
    private func answerControlRequests(_ handler: ControlRequests, dispatch: ([Handoff]) -> Void) {
        let requests: [ControlRequest]
        do {
            requests = try handler.persisted.database.takeControlRequests()
        } catch {
            logger.error("cannot read control requests from the store: \(error)")
            return
        }
        for request in requests {
            let (answer, handoffs) = handler.answer(request)
            logger.info("\(request.kind): \(answer.serialized())")
            do {
                let stored = try handler.persisted.database.answerControl(
                    request.id,
                    answer: answer.serialized(),
                    handoffs: handoffs
                )
                FaultPoint.controlAfterCommit.reach()
                dispatch(stored)
            } catch {
                logger.error("cannot answer \(request.kind): \(error)")
            }
        }
    }

    /// Takes the waiting UpdateMapRun requests and hands each to the execution running its map run.
    private func applyMapRunUpdates(persisted: DaemonStore, controls: MapRunControls) {
        let updates: [MapRunUpdate]
        do {
            updates = try persisted.database.takeMapRunUpdates()
        } catch {
            logger.error("cannot read map run updates from the store: \(error)")
            return
        }
        for update in updates {
            let metadata: Logger.Metadata = ["sluice.map.run": .string(update.mapRunArn)]
            guard let run = try? persisted.database.mapRun(update.mapRunArn),
                controls.send(
                    .mapRunUpdated(
                        mapRunArn: update.mapRunArn,
                        maxConcurrency: update.maxConcurrency,
                        toleratedFailureCount: update.toleratedFailureCount,
                        toleratedFailurePercentage: update.toleratedFailurePercentage
                    ),
                    to: run.executionArn
                )
            else {
                logger.warning("map run update ignored: the map run is not running here", metadata: metadata)
                continue
            }
            let changes = [
                update.maxConcurrency.map { "MaxConcurrency \($0)" },
                update.toleratedFailureCount.map { "ToleratedFailureCount \($0)" },
                update.toleratedFailurePercentage.map { "ToleratedFailurePercentage \($0)" },
            ].compactMap { $0 }
            logger.info("map run updated: \(changes.joined(separator: ", "))", metadata: metadata)
        }
    }

    /// Runs one execution to its end, telling the rules when it starts and ends (status change events, recorded as
    /// hand-offs with the start and the end).
    private func runExecution(
        _ request: StartRequest,
        config: CurrentConfiguration,
        hosts: FunctionHosts,
        counters: DaemonCounters,
        persisted: DaemonStore,
        journal: DaemonJournal,
        controls: MapRunControls,
        onPublish: @escaping @Sendable (TopicMessage) async -> Void,
        plan: @escaping @Sendable (JSONValue, String?, String?) -> [Handoff],
        dispatch: @escaping @Sendable ([Handoff]) -> Void
    ) async {
        guard let machine = request.resume?.definition ?? config.current.machines[request.machine] else {
            retryLater(request, persisted: persisted, dispatch: dispatch)
            return
        }
        let name = request.resume?.stored.record.name ?? request.name ?? UUID().uuidString.lowercased()
        let context = ExecutionContext.make(
            stateMachineName: request.machine,
            executionName: name,
            region: settings.region,
            account: settings.account,
            startTime: Timestamp(
                epochMilliseconds: request.resume?.stored.startMillis ?? request.startMillis
                    ?? LocalRunner.now().epochMilliseconds
            )
        )
        let seed = request.resume?.stored.seed ?? UInt64.random(in: 0...UInt64.max)
        var instance = Execution(definition: machine, context: context, input: request.input, seed: seed)
        var logger = logger
        logger[metadataKey: "sluice.execution"] = .string(context.executionArn)
        logger[metadataKey: "sluice.state.machine"] = .string(request.machine)
        let execution = LogNames.execution(context.executionArn)
        let running = { statusEvent(context, status: "RUNNING", input: request.input, outcome: nil) }
        let about = "execution \(execution)"
        if let resume = request.resume, resume.redrive {
            logger.info("execution \(execution) redriven (replaying its journal of \(resume.journal.count) events)")
            do {
                dispatch(try persisted.database.handOff(plan(running(), nil, about + " (RUNNING)")))
            } catch {
                logger.error("cannot record the redriven execution's status change: \(error)")
            }
        } else if let resume = request.resume {
            logger.info("execution \(execution) resumed from its journal (\(resume.journal.count) events)")
        } else {
            guard
                recordStart(
                    request,
                    context: context,
                    machine: machine,
                    seed: seed,
                    statusHandoffs: plan(running(), nil, about + " (RUNNING)"),
                    persisted: persisted,
                    dispatch: dispatch,
                    logger: logger
                )
            else { return }
            logger.info("execution \(execution) started \(Self.startedBy(request))")
        }
        counters.executionStarted()
        let lease = hosts.acquire()
        let events = controls.events(for: context.executionArn)
        defer { controls.close(context.executionArn) }
        let outcome = await PipelineRunner.run(
            &instance,
            root: paths.root,
            host: lease.host,
            maxWorkers: settings.maxWorkers,
            maintainWorkers: false,
            onPublish: onPublish,
            onProgress: { [logger] runs in
                counters.mapRuns(runs.filter { $0.status == "RUNNING" })
                do {
                    try persisted.save(runs, executionArn: context.executionArn)
                } catch {
                    logger.error("cannot save map run progress of execution \(execution): \(error)")
                }
                for run in runs {
                    for line in progressLog.lines(for: [run]) {
                        logger.info("\(line)", metadata: ["sluice.map.run": .string(run.mapRunArn)])
                    }
                }
            },
            controls: events,
            journal: journal.execution(context.executionArn),
            replaying: request.resume?.journal ?? [],
            redriving: request.resume?.redrive ?? false
        )
        await hosts.release(lease)
        counters.mapRuns([])
        do {
            try journal.flush()
            let ended = statusEvent(context, status: outcome.status, input: request.input, outcome: outcome)
            let stored = try persisted.executionEnded(
                instance,
                input: request.input,
                outcome: outcome,
                at: LocalRunner.now(),
                handoffs: plan(ended, nil, about + " (\(outcome.status))")
            )
            FaultPoint.endAfterCommit.reach()
            dispatch(stored)
        } catch {
            logger.error("cannot save the end of execution \(execution): \(error)")
        }
        var succeeded = false
        let took = LogNames.duration(
            Double(LocalRunner.now().epochMilliseconds - context.startTime.epochMilliseconds) / 1000
        )
        switch outcome {
        case .succeeded:
            succeeded = true
            logger.info("execution \(execution) SUCCEEDED in \(took)")
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            logger.error(
                "execution \(execution) \(outcome.status) in \(took): \(error ?? "(no error)"): \(cause ?? "")",
                metadata: ["sluice.error": .string(error ?? "")]
            )
        }
        counters.executionEnded(succeeded: succeeded)
    }

    /// `by rule R for s3://B/K`, `by sluice start-execution`: what the journal says started an execution.
    static func startedBy(_ request: StartRequest) -> String {
        if request.rule == "(start-execution)" { return "by sluice start-execution" }
        return "by rule \(request.rule)" + (request.about.map { " for " + $0 } ?? "")
    }

    /// Records a new execution's start with its status change's hand-offs and lets the hand-off that asked for it
    /// go, in one transaction; false when it must not run: it could not be recorded, or an execution of that name
    /// exists already (a hand-off carried out again after a crash, or StartExecution called twice by name).
    private func recordStart(
        _ request: StartRequest,
        context: ExecutionContext,
        machine: StateMachineDefinition,
        seed: UInt64,
        statusHandoffs: [Handoff],
        persisted: DaemonStore,
        dispatch: @Sendable ([Handoff]) -> Void,
        logger: Logger
    ) -> Bool {
        let start: ExecutionStart
        do {
            start = try persisted.executionStarted(
                context,
                machine: machine,
                input: request.input,
                seed: seed,
                completing: request.handoff?.id,
                handoffs: statusHandoffs
            )
        } catch {
            logger.error("cannot save the execution's start (its hand-off is carried on after a restart): \(error)")
            return false
        }
        switch start {
        case .started(let stored):
            FaultPoint.startAfterCommit.reach()
            dispatch(stored)
            return true
        case .exists(let record):
            if (try? JSONParser.parse(record.input)) == request.input {
                logger.info("execution exists already with the same input: StartExecution is a no-op")
            } else {
                logger.error(
                    "rule \(request.rule): ExecutionAlreadyExists: an execution named \(context.executionName) exists with another input: not started"
                )
            }
            return false
        }
    }

    /// As EventBridge does for a target it cannot reach: the StartExecution of a state machine that does not exist
    /// is tried again with back-off within the target's RetryPolicy (a state machine saved a moment later still
    /// gets the event), each try recorded on the hand-off so a restart keeps the count; then the event is dropped.
    private func retryLater(_ request: StartRequest, persisted: DaemonStore, dispatch: @Sendable ([Handoff]) -> Void) {
        let metadata: Logger.Metadata = ["sluice.state.machine": .string(request.machine)]
        guard var handoff = request.handoff, let id = handoff.id else {
            logger.error("no state machine named \(request.machine): not started", metadata: metadata)
            return
        }
        let now = LocalRunner.now().epochMilliseconds
        guard handoff.attempts < request.retry.maximumRetryAttempts,
            now - handoff.createdMillis < Int64(request.retry.maximumEventAgeInSeconds) * 1000
        else {
            logger.error(
                "rule \(request.rule): no state machine named \(request.machine): event dropped after \(handoff.attempts + 1) attempts",
                metadata: metadata
            )
            do {
                try persisted.database.completeHandoff(id)
            } catch {
                logger.error("cannot drop hand-off \(handoff.subject): \(error)", metadata: metadata)
            }
            return
        }
        logger.warning(
            "rule \(request.rule): no state machine named \(request.machine) (state-machines/\(request.machine).asl.json): retrying",
            metadata: metadata
        )
        handoff.attempts += 1
        handoff.dueMillis = now + Int64(min(60_000, 1000 << min(handoff.attempts - 1, 6)))
        do {
            try persisted.database.postponeHandoff(id, attempts: handoff.attempts, dueMillis: handoff.dueMillis)
        } catch {
            logger.error("cannot record the retry of hand-off \(handoff.subject): \(error)", metadata: metadata)
        }
        FaultPoint.retryAfterCommit.reach()
        dispatch([handoff])
    }

    private func statusEvent(
        _ context: ExecutionContext,
        status: String,
        input: JSONValue,
        outcome: ExecutionOutcome?
    ) -> JSONValue {
        StatusChangeEvent.make(
            id: UUID().uuidString.lowercased(),
            region: settings.region,
            account: settings.account,
            executionArn: context.executionArn,
            stateMachineArn: context.stateMachineArn,
            name: context.executionName,
            status: status,
            startDate: context.startTime,
            stopDate: outcome == nil ? nil : LocalRunner.now(),
            input: input,
            outcome: outcome
        )
    }

    /// Declared buckets have their folders, shared with sluiced's group (made if missing; a bucket's objects are
    /// never touched).
    private func makeFolders(of buckets: [String: BucketDeclaration]) {
        for name in buckets.keys.sorted() {
            let folder = paths.buckets + "/" + name
            guard !FileManager.default.fileExists(atPath: folder) else { continue }
            do {
                if let problem = try SharedFolder.prepare(folder) { logger.warning("bucket \(name): \(problem)") }
                logger.info("bucket \(name) created (declared in buckets/\(name).json)")
            } catch {
                logger.error("bucket \(name): cannot create its folder \(folder): \(error)")
            }
        }
    }

    private func report(_ problems: [ConfigProblem]) {
        for problem in problems {
            logger.error(
                "\(problem)",
                metadata: ["sluice.file": .string(problem.file), "sluice.location": .string(problem.location)]
            )
        }
    }
}
