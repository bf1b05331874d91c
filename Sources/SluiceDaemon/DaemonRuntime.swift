import Foundation
import Logging
import SluiceCore
import SluiceEngine
import SluiceStore
import SluiceSystemd
import SluiceTopics
import SluiceWatch
import SluiceWorkers

/// What sluiced's services share: its folders and settings, the store, the configuration in force, the functions,
/// topics and deliveries, the journal, the hand-offs in memory, the bucket watcher, and the lock that makes it the
/// only sluiced on its root. Built once at start (DaemonRuntime+Start), before READY=1.
final class DaemonRuntime: Sendable {
    let paths: SluicePaths
    let settings: SluiceSettings
    let logger: Logger
    /// The time hand-offs are scheduled by and executions run by.
    let clock: WallClock
    let notifier: SystemdNotifier
    let lock: DaemonLock
    let store: DaemonStore
    let config: CurrentConfiguration
    let counters = DaemonCounters()
    /// Function statistics, map runs' progress, deliveries and the metrics registry: what the dashboard's sampler
    /// and `/metrics` read. Outlives reloads (every FunctionHost built records into it).
    let telemetry: Telemetry
    let controls = MapRunControls()
    /// Running executions' histories so far, for GetExecutionHistory.
    let histories = RunningHistories()
    /// startExecution.sync tasks waiting for their child executions' ends.
    let endings = ExecutionEndings()
    /// Activity tasks waiting for workers, and the activities CreateActivity made.
    let activities = ActivityQueue()
    var activityDefinitions: ActivityDefinitions { ActivityDefinitions(folder: paths.apiConfig + "/activities") }
    /// The callback Tasks waiting for SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat.
    let callbacks = TaskCallbacks()
    let hosts: FunctionHosts
    /// The submissions of agents sluiced knows (their secrets), for the agents' listener.
    let agentSubmissions = AgentSubmissions()
    /// Each Slurm-placed function's agents as last seen (queue, nodes, connections), for status and the dashboard.
    let agentsReports = AgentsReports()
    let topics: TopicStore
    let delivery: DeliveryService<ContinuousClock>
    let journal: DaemonJournal
    let handoffs: Handoffs
    let watcher: BucketWatcher
    /// Map runs' progress lines, a few seconds apart.
    let progressLog = MapRunProgressLog()
    /// The dashboard's one-time logins already used.
    let dashboardLogins: DashboardLogins

    init(
        paths: SluicePaths,
        settings: SluiceSettings,
        logger: Logger,
        clock: WallClock,
        notifier: SystemdNotifier,
        lock: DaemonLock,
        store: DaemonStore,
        config: CurrentConfiguration,
        telemetry: Telemetry,
        hosts: FunctionHosts,
        topics: TopicStore,
        delivery: DeliveryService<ContinuousClock>,
        watcher: BucketWatcher
    ) {
        self.paths = paths
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.notifier = notifier
        self.lock = lock
        self.store = store
        self.config = config
        self.telemetry = telemetry
        self.hosts = hosts
        self.topics = topics
        self.delivery = delivery
        self.journal = DaemonJournal(
            database: store.database,
            onWrite: { [telemetry] in telemetry.journalWritten(in: $0) }
        )
        self.dashboardLogins = DashboardLogins(since: clock)
        self.handoffs = Handoffs(
            config: config,
            store: store,
            region: settings.region,
            account: settings.account,
            clock: clock,
            logger: logger
        )
        self.watcher = watcher
    }

    /// The functions in `paths.functions` with what the API changed of them (`paths.apiFunctions`: their
    /// concurrency), their problems reported; workers run only as members of sluiced's group; what they do is
    /// recorded into `statistics` (the runtime's, which outlives the host).
    static func loadFunctions(
        _ paths: SluicePaths,
        _ settings: SluiceSettings,
        _ logger: Logger,
        statistics: FunctionStatistics,
        agents: AgentRoster = AgentRoster()
    ) -> FunctionHost {
        let host = FunctionHost(
            directory: paths.functions,
            overlays: paths.apiFunctions,
            maxWorkers: settings.maxWorkers,
            logger: logger,
            usersInGroup: getegid(),
            statistics: statistics,
            agents: agents
        )
        for problem in host.problems {
            logger.error("function unavailable: \(problem)", metadata: ["sluice.file": .string(problem.file)])
        }
        return host
    }

    /// `/metrics`' text: Prometheus's text format (`text/plain; version=0.0.4`), counts only.
    func exposition() -> [UInt8] { telemetry.exposition() }

    /// Reports configuration files that did not load, with file and field.
    func report(_ problems: [ConfigProblem]) {
        for problem in problems {
            logger.error(
                "\(problem)",
                metadata: ["sluice.file": .string(problem.file), "sluice.location": .string(problem.location)]
            )
        }
    }

    /// Declared buckets have their folders, shared with sluiced's group (made if missing; a bucket's objects are
    /// never touched).
    func makeFolders(of buckets: [String: BucketDeclaration]) {
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
}
