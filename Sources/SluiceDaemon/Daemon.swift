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

    public init(root: String, settings: DaemonSettings, logger: Logger) {
        self.paths = DaemonPaths(root: root)
        self.settings = settings
        self.logger = logger
    }

    /// A request to start an execution, from a rule target or a status-change rule.
    struct StartRequest: Sendable {
        var machine: String
        var input: JSONValue
        var key: String?
        var rule: String
        /// The target's RetryPolicy, and how often and since when delivery to it has been tried.
        var retry = RetryPolicy()
        var attempts = 0
        var firstTried = ContinuousClock.now
        /// An execution a previous sluiced left running, to rebuild from its journal and carry on.
        var resume: Resume?
        /// The execution's name when the starter chose it (StartExecution's `name`).
        var name: String?
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
        // The state folders exist from the first start on (systemd's StateDirectory= makes only the top one).
        for folder in [paths.buckets, paths.topics] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
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
        let counters = DaemonCounters()
        let controls = MapRunControls()
        let host = FunctionHost(directory: paths.functions, maxWorkers: settings.maxWorkers, logger: logger)
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
                    "\(line.text)",
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
        let (messages, messageSink) = AsyncStream<TopicMessage>.makeStream()

        /// Routes one event through the rules in force: executions to start, messages to publish.
        @Sendable func route(_ event: JSONValue, key: String?) {
            let router = Router(rules: config.current.rules, region: settings.region, account: settings.account)
            let now = LocalRunner.now().iso8601()
            for action in router.route(event, ingestionTime: now) {
                switch action {
                case .startExecution(let machine, let input, let rule, _, let retry):
                    startSink.yield(StartRequest(machine: machine, input: input, key: key, rule: rule, retry: retry))
                case .publish(let topic, let message, let rule, let target):
                    do {
                        let stored = try store.publish(topic: topic, message: message, subject: nil, attributes: [:])
                        counters.published()
                        messageSink.yield(stored)
                    } catch {
                        logger.error("rule \(rule) target \(target): cannot publish to \(topic): \(error)")
                    }
                case .dropped(let rule, let target, let reason):
                    logger.warning("rule \(rule) target \(target): event dropped: \(reason)")
                }
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
                    key: nil,
                    rule: "(resumed)",
                    resume: resume
                )
            )
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
                    config.replace(with: fresh)
                    await delivery.replaceSubscriptions(fresh.subscriptions)
                    // Functions: a new host only when a function file changed (warm workers are worth keeping).
                    let functions = FunctionHost(
                        directory: paths.functions,
                        maxWorkers: settings.maxWorkers,
                        logger: logger
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
                        answerControlRequests(
                            ControlRequests(
                                region: settings.region,
                                account: settings.account,
                                machines: config.current.machines,
                                persisted: persisted,
                                controls: controls,
                                start: { startSink.yield($0) }
                            )
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
                                do {
                                    try persisted.record(object)
                                } catch {
                                    logger.error("cannot record \(object.bucket)/\(object.key) in the store: \(error)")
                                }
                                logger.info(
                                    "\(object.kind.rawValue) s3://\(object.bucket)/\(object.key)",
                                    metadata: ["sluice.object": .string("\(object.bucket)/\(object.key)")]
                                )
                                route(object.event, key: object.key)
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
                                            messageSink.yield(message)
                                        },
                                        route: route,
                                        retry: { request in startSink.yield(request) }
                                    )
                                }
                            }
                        }
                        messageSink.finish()
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
                            for await message in messages {
                                deliveries.addTask {
                                    for outcome in await delivery.deliver(message) {
                                        counters.delivery(deadLettered: outcome.status == .deadLettered)
                                    }
                                }
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

    /// Answers what `sluice start-execution` and `sluice executions stop` left in the store.
    private func answerControlRequests(_ handler: ControlRequests) {
        let requests: [ControlRequest]
        do {
            requests = try handler.persisted.database.takeControlRequests()
        } catch {
            logger.error("cannot read control requests from the store: \(error)")
            return
        }
        for request in requests {
            let answer = handler.answer(request)
            logger.info("\(request.kind): \(answer.serialized())")
            do {
                try handler.persisted.database.answerControl(request.id, answer: answer.serialized())
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

    /// Runs one execution to its end, telling the rules when it starts and ends (status change events).
    private func runExecution(
        _ request: StartRequest,
        config: CurrentConfiguration,
        hosts: FunctionHosts,
        counters: DaemonCounters,
        persisted: DaemonStore,
        journal: DaemonJournal,
        controls: MapRunControls,
        onPublish: @escaping @Sendable (TopicMessage) async -> Void,
        route: @escaping @Sendable (JSONValue, String?) -> Void,
        retry: @escaping @Sendable (StartRequest) -> Void
    ) async {
        guard let machine = request.resume?.definition ?? config.current.machines[request.machine] else {
            // As EventBridge does for a target it cannot reach: retry with back-off within the target's
            // RetryPolicy (a state machine saved a moment later still gets the event), then drop the event.
            let age = ContinuousClock.now - request.firstTried
            let metadata: Logger.Metadata = ["sluice.state.machine": .string(request.machine)]
            guard request.attempts < request.retry.maximumRetryAttempts,
                age < .seconds(request.retry.maximumEventAgeInSeconds)
            else {
                logger.error(
                    "rule \(request.rule): no state machine named \(request.machine): event dropped after \(request.attempts + 1) attempts",
                    metadata: metadata
                )
                return
            }
            logger.warning(
                "rule \(request.rule): no state machine named \(request.machine) (state-machines/\(request.machine).asl.json): retrying",
                metadata: metadata
            )
            var next = request
            next.attempts += 1
            let delay = Duration.milliseconds(min(60_000, 1000 << min(next.attempts - 1, 6)))
            Task {
                try? await Task.sleep(for: delay)
                retry(next)
            }
            return
        }
        let name =
            request.resume?.stored.record.name ?? request.name
            ?? ExecutionNames.make(from: request.key, unique: UUID().uuidString.lowercased())
        let context = ExecutionContext.make(
            stateMachineName: request.machine,
            executionName: name,
            region: settings.region,
            account: settings.account,
            startTime: request.resume.map { Timestamp(epochMilliseconds: $0.stored.startMillis) } ?? LocalRunner.now()
        )
        let seed = request.resume?.stored.seed ?? UInt64.random(in: 0...UInt64.max)
        var execution = Execution(definition: machine, context: context, input: request.input, seed: seed)
        var logger = logger
        logger[metadataKey: "sluice.execution"] = .string(context.executionArn)
        counters.executionStarted()
        if let resume = request.resume, resume.redrive {
            logger.info(
                "execution redriven (replaying its journal of \(resume.journal.count) events)",
                metadata: ["sluice.state.machine": .string(request.machine)]
            )
            route(statusEvent(context, status: "RUNNING", input: request.input, outcome: nil), nil)
        } else if let resume = request.resume {
            logger.info(
                "execution resumed from its journal (\(resume.journal.count) events)",
                metadata: ["sluice.state.machine": .string(request.machine)]
            )
        } else {
            logger.info("execution started", metadata: ["sluice.state.machine": .string(request.machine)])
            do {
                try persisted.executionStarted(context, machine: machine, input: request.input, seed: seed)
            } catch {
                logger.error("cannot save the execution: \(error)")
            }
            route(statusEvent(context, status: "RUNNING", input: request.input, outcome: nil), nil)
        }
        let lease = hosts.acquire()
        let events = controls.events(for: context.executionArn)
        defer { controls.close(context.executionArn) }
        let outcome = await PipelineRunner.run(
            &execution,
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
                    logger.error("cannot save map run progress: \(error)")
                }
                for run in runs {
                    let total = run.totalKnown ? "/\(run.itemsRead)" : ""
                    logger.info(
                        "map run: \(run.itemsDone)\(total) items done, \(run.itemsFailed) failed, \(run.running) child executions running",
                        metadata: ["sluice.map.run": .string(run.mapRunArn)]
                    )
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
            try persisted.executionEnded(execution, input: request.input, outcome: outcome, at: LocalRunner.now())
        } catch {
            logger.error("cannot save the execution's end: \(error)")
        }
        var succeeded = false
        switch outcome {
        case .succeeded:
            succeeded = true
            logger.info("execution succeeded")
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            logger.error(
                "execution \(outcome.status): \(error ?? "(no error)"): \(cause ?? "")",
                metadata: ["sluice.error": .string(error ?? "")]
            )
        }
        counters.executionEnded(succeeded: succeeded)
        route(statusEvent(context, status: outcome.status, input: request.input, outcome: outcome), nil)
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

    private func report(_ problems: [ConfigProblem]) {
        for problem in problems {
            logger.error(
                "\(problem)",
                metadata: ["sluice.file": .string(problem.file), "sluice.location": .string(problem.location)]
            )
        }
    }
}
