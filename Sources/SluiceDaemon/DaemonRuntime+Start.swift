import Foundation
import Logging
import SluiceASL
import SluiceCore
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceSystemd
import SluiceTopics
import SluiceWatch
import SluiceWorkers

extension DaemonRuntime {
    /// Everything sluiced needs before it says READY=1: the lock (one sluiced per root), the state folders, the
    /// store (one that cannot be opened stops sluiced with the reason, never a silent reset), the configuration,
    /// warm workers, and the bucket watches with the catch-up of what changed while sluiced was down.
    static func start(
        paths: SluicePaths,
        settings: SluiceSettings,
        logger: Logger,
        clock: WallClock
    ) async throws -> DaemonRuntime {
        let lock = try DaemonLock(paths: paths)
        // Buckets are shared with sluiced's group (members drop files there); made so the first time only, an
        // administrator's later choice stands. (systemd's StateDirectory= makes only the top folder.)
        if !FileManager.default.fileExists(atPath: paths.buckets), let problem = try SharedFolder.prepare(paths.buckets)
        {
            logger.warning("buckets: \(problem)")
        }
        try FileManager.default.createDirectory(atPath: paths.topics, withIntermediateDirectories: true)
        // The API's definitions: made now so that the configuration watcher watches them from the start.
        for folder in [paths.apiStateMachines, paths.apiRules, paths.apiSubscriptions, paths.apiFunctions] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let store: DaemonStore
        do {
            store = try DaemonStore(paths: paths)
        } catch {
            logger.critical("cannot open the store \(paths.store): \(error)")
            throw DaemonError("cannot open the store: \(error)")
        }
        let config = CurrentConfiguration(DaemonConfiguration.load(paths))
        let telemetry = Telemetry(maxWorkers: settings.maxWorkers)
        let host = loadFunctions(paths, settings, logger, statistics: telemetry.functions)
        await host.start()
        // Objects reported before are compared with what is in the buckets now: what appeared or changed while
        // sluiced was down is reported once, first.
        let factory = ObjectEventFactory(
            settings: ObjectEventSettings(account: settings.account, region: settings.region),
            sequencerFloor: try store.sequencerFloor()
        )
        let topics = TopicStore(directory: paths.topics, region: settings.region, account: settings.account)
        let runtime = DaemonRuntime(
            paths: paths,
            settings: settings,
            logger: logger,
            clock: clock,
            notifier: SystemdNotifier(),
            lock: lock,
            store: store,
            config: config,
            telemetry: telemetry,
            hosts: FunctionHosts(host),
            topics: topics,
            delivery: deliveryService(config.current.subscriptions, topics, store, logger),
            watcher: try BucketWatcher(
                bucketsDirectory: paths.buckets,
                factory: factory,
                known: try store.knownObjects(),
                configuration: .init(
                    onProblem: { problem in logger.warning("bucket watch: \(problem)") },
                    onQueueOverflow: {
                        telemetry.bucketWatchOverflowed()
                        logger.warning(
                            "bucket watch: the inotify queue overflowed (fs.inotify.max_queued_events); listing every bucket again"
                        )
                    }
                )
            )
        )
        runtime.report(config.current.problems)
        runtime.makeFolders(of: config.current.buckets)
        runtime.carryOnLeftovers()
        if store.isNew {
            try store.remember(runtime.watcher.initialObjects, sequencer: Sequencer.format(factory.lastSequencer))
        }
        return runtime
    }

    private static func deliveryService(
        _ subscriptions: [Subscription],
        _ topics: TopicStore,
        _ store: DaemonStore,
        _ logger: Logger
    ) -> DeliveryService<ContinuousClock> {
        DeliveryService(
            subscriptions: subscriptions,
            store: topics,
            clock: ContinuousClock(),
            state: (try? store.deliveryState()) ?? DeliveryState(),
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
                    try store.save(key, record)
                } catch {
                    logger.error("cannot save delivery \(key.messageId) → \(key.subscription): \(error)")
                }
            }
        )
    }

    /// What a previous sluiced left: executions running (carried on from their journals; one that cannot be, for
    /// its definition no longer loads, ends ABORTED with its map runs) and hand-offs not done (carried on under
    /// the names they were given).
    private func carryOnLeftovers() {
        let resumes = resumableExecutions()
        for resume in resumes {
            handoffs.carryOn(
                StartRequest(
                    machine: resume.stored.stateMachineName,
                    input: (try? JSONParser.parse(resume.stored.record.input)) ?? .null,
                    rule: "(resumed)",
                    resume: resume
                )
            )
        }
        do {
            let pending = handoffs.watermark.foreign(try store.database.pendingHandoffs())
            if !pending.isEmpty { logger.info("carrying on \(pending.count) hand-off(s) the previous sluiced left") }
            handoffs.dispatch(pending)
        } catch {
            logger.error("cannot read the hand-offs left in the store: \(error)")
        }
        let resumed = Set(resumes.map(\.stored.record.executionArn))
        if let aborted = try? store.abortRunningMapRuns(except: resumed), aborted > 0 {
            logger.warning("\(aborted) map run(s) left RUNNING by the previous sluiced marked ABORTED")
        }
        for arn in (try? store.abortRunningExecutions(except: resumed)) ?? [] {
            logger.warning(
                "execution \(LogNames.execution(arn)) left RUNNING by the previous sluiced marked ABORTED",
                metadata: ["sluice.execution": .string(arn)]
            )
        }
    }

    /// The executions a previous sluiced left running that can carry on: their definition still decodes and
    /// their journal reads back.
    private func resumableExecutions() -> [Resume] {
        let stored: [ResumableExecution]
        do {
            stored = try store.database.resumableExecutions()
        } catch {
            logger.error("cannot read the executions to resume from the store: \(error)")
            return []
        }
        return stored.compactMap { execution in
            let arn = execution.record.executionArn
            let metadata: Logger.Metadata = ["sluice.execution": .string(arn)]
            guard case .success(let definition) = DefinitionDecoder.decode(text: execution.definition) else {
                logger.error(
                    "cannot resume execution \(LogNames.execution(arn)): its definition no longer decodes",
                    metadata: metadata
                )
                return nil
            }
            do {
                return Resume(stored: execution, definition: definition, journal: try store.replayableJournal(arn))
            } catch {
                logger.error("cannot resume execution \(LogNames.execution(arn)): \(error)", metadata: metadata)
                return nil
            }
        }
    }
}
