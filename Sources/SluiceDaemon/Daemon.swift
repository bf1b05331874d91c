import Logging
import ServiceLifecycle
import SluiceCore
import SluiceEngine
import SluiceSystemd
import SluiceWorkers

/// sluiced: buckets watched → rules → executions (functions, buckets, topics) → subscribers, under systemd.
///
/// `start` builds what the services share (DaemonRuntime: the lock, the store, the configuration, warm workers,
/// the bucket watches with their catch-up, what a previous sluiced left) and says READY=1; `services` is the
/// group that then runs, each with one job. A graceful shutdown (SIGTERM) stops them in reverse order: no new
/// objects first, then running executions finish, then deliveries, and the journal's last write comes last. A
/// service that fails ends the group (the journal writer, when sluice.db cannot be written, at once).
package struct Daemon: Sendable {
    let runtime: DaemonRuntime
    /// The AWS API's address and keys; nil when sluiced.json turns it off.
    let api: (host: String, port: Int, credentials: APICredentials)?

    /// Prepares sluiced on `root` and tells systemd it is ready.
    /// `clock` is the time sluiced runs by: hand-offs' due times, executions' dates, Wait states and timeouts (the
    /// system's time but in tests).
    package static func start(
        root: String,
        settings: SluiceSettings,
        logger: Logger,
        clock: WallClock = .system
    ) async throws -> Daemon {
        let runtime = try await DaemonRuntime.start(
            paths: SluicePaths(root: root),
            settings: settings,
            logger: logger,
            clock: clock
        )
        var api: (host: String, port: Int, credentials: APICredentials)?
        if let endpoint = try settings.api.endpoint {
            api = (endpoint.host, endpoint.port, try APICredentials.load(paths: runtime.paths, settings: settings.api))
        }
        if settings.agents.listen == nil {
            for definition in runtime.hosts.host.definitions.values.sorted(by: { $0.name < $1.name }) {
                guard case .slurm = definition.placement else { continue }
                logger.error(
                    "function \(definition.name) is placed on Slurm but sluiced.json has no \"Agents\": {\"Listen\"}: its workers run on this machine",
                    metadata: ["sluice.file": .string(definition.file)]
                )
            }
        }
        runtime.notifier.ready(status: runtime.counters.statusLine)
        logger.info(
            "sluiced ready",
            metadata: [
                "sluice.root": .string(root),
                "sluice.state.machines": .string(String(runtime.config.current.machines.count)),
                "sluice.rules": .string(String(runtime.config.current.rules.rules.count)),
            ]
        )
        return Daemon(runtime: runtime, api: api)
    }

    /// Function statistics, map runs, deliveries and metrics, live (the dashboard's overview, `/metrics`).
    package var telemetry: Telemetry { runtime.telemetry }

    /// The services, in start order; a new one is one more line.
    package var services: [ServiceGroupConfiguration.ServiceConfiguration] {
        [
            .init(service: JournalWriterService(runtime: runtime)),
            .init(service: SamplerService(runtime: runtime)),
            .init(service: StatusService(runtime: runtime)),
        ] + agentsService + [
            .init(service: ControlService(runtime: runtime)),
            .init(service: RetryService(runtime: runtime)),
            .init(service: DeliveriesService(runtime: runtime)),
            .init(service: ExecutionsService(runtime: runtime)),
            .init(service: ReloadService(runtime: runtime)),
            .init(service: IntakeService(runtime: runtime), failureTerminationBehavior: .gracefullyShutdownGroup),
        ] + apiService
    }

    /// The API, last so that it is the first to stop: no new requests while the rest winds down.
    private var apiService: [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let api else { return [] }
        return [
            .init(service: APIService(runtime: runtime, host: api.host, port: api.port, credentials: api.credentials))
        ]
    }

    /// The agents' listener, when `Agents.Listen` is set: before the executions, so that it stops after them.
    private var agentsService: [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let endpoint = try? runtime.settings.agents.endpoint else { return [] }
        return [
            .init(
                service: AgentsService(
                    runtime: runtime,
                    host: endpoint.host,
                    port: endpoint.port,
                    advertise: runtime.settings.agents.advertise
                )
            )
        ]
    }

    /// A submission of agents for `function`: its id and secret (see `DaemonRuntime.submitAgents`).
    package func submitAgents(
        function: String,
        submission: String? = nil,
        secret: String? = nil
    ) async -> (submission: String, secret: String) {
        await runtime.submitAgents(function: function, submission: submission, secret: secret)
    }

    /// The agents connected for `function`: (idle, busy).
    package func agentCounts(_ function: String) async -> (idle: Int, busy: Int) {
        await runtime.agentCounts(function)
    }

    /// After the group: every worker stopped, the root's lock let go (a process that carries on, as a test's,
    /// may start another sluiced on it).
    package func stopped() async {
        await runtime.hosts.host.shutdown()
        runtime.lock.release()
        runtime.logger.info("sluiced stopped")
    }
}
