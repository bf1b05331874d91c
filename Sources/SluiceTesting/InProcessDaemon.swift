import Foundation
import Logging
import ServiceLifecycle
import SluiceDaemon
import SluiceEngine

/// sluiced inside the test process, on a temporary root: the same DaemonRuntime and services as the binary, run
/// as a ServiceGroup without signals, so a test starts it in milliseconds, reads its log from memory and stops it
/// gracefully with `stop()` (what SIGTERM does). The real binary stays for what only it shows: SIGKILL and crash
/// recovery, the lock between processes, signals, sd_notify.
package final class InProcessDaemon: Sendable {
    package let root: DaemonRoot
    package let log: LogLines
    private let daemon: Daemon
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    /// Starts sluiced on `root` and returns once it is ready (READY=1's moment) and its services run: saved
    /// configuration files are watched, and the API listens when it is on. `clock` is its wall clock (the system's unless a test sets it forward);
    /// `log` collects what it logs (a new one per start unless given, so that restarts can share one).
    package init(
        root: DaemonRoot,
        settings: SluiceSettings = .testing,
        clock: WallClock = .system,
        log: LogLines = LogLines()
    ) async throws {
        let watchedBefore = log.count("configuration folders watched", includingDebug: true)
        let refusedBefore = log.count("API: cannot listen on", includingDebug: true)
        let listeningBefore = log.count("API listening on", includingDebug: true)
        let logger = log.logger()
        let daemon = try await Daemon.start(root: root.path, settings: settings, logger: logger, clock: clock)
        var configuration = ServiceGroupConfiguration(services: daemon.services, logger: logger)
        // A test that failed may leave an execution that never ends: the group is cancelled rather than wait.
        configuration.maximumGracefulShutdownDuration = .seconds(20)
        let group = ServiceGroup(configuration: configuration)
        self.root = root
        self.log = log
        self.daemon = daemon
        self.group = group
        running = Task {
            do {
                try await group.run()
            } catch {
                await daemon.stopped()
                throw error
            }
            await daemon.stopped()
        }
        do {
            try await eventually("sluiced's services", within: .seconds(60)) {
                log.count("configuration folders watched", includingDebug: true) > watchedBefore
            }
            // A test's AWS clients read the endpoint the API writes once it listens, which READY=1 does not wait for
            // (or the API said it cannot listen: sluiced runs on without it).
            if settings.api.listen != nil {
                try await eventually("sluiced's API", within: .seconds(60)) {
                    log.count("API listening on", includingDebug: true) > listeningBefore
                        || log.count("API: cannot listen on", includingDebug: true) > refusedBefore
                }
            }
        } catch {
            try? await stop()
            throw error
        }
    }

    /// Stops sluiced as SIGTERM does (no new objects, running executions finish, the journal's last write) and
    /// waits until it has; throws what ended the group if a service failed.
    package func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// sluiced's statistics and metrics, live.
    package var telemetry: Telemetry { daemon.telemetry }

    /// A submission of agents for `function` (its id and secret; the given ones, as after a restart).
    package func submitAgents(
        function: String,
        submission: String? = nil,
        secret: String? = nil
    ) async -> (submission: String, secret: String) {
        await daemon.submitAgents(function: function, submission: submission, secret: secret)
    }

    /// The agents connected for `function`: (idle, busy).
    package func agentCounts(_ function: String) async -> (idle: Int, busy: Int) {
        await daemon.agentCounts(function)
    }

    /// Waits until the group has ended on its own (a service that failed), throwing what ended it.
    package func ended() async throws { try await running.value }
}

extension InProcessDaemon {
    /// Runs `body` with sluiced started on `root`, then stops it gracefully, whether `body` returned or threw: a
    /// failed expectation never leaves a daemon running in the test process.
    package static func run<Result>(
        on root: DaemonRoot,
        settings: SluiceSettings = .testing,
        clock: WallClock = .system,
        log: LogLines = LogLines(),
        _ body: (InProcessDaemon) async throws -> Result
    ) async throws -> Result {
        let daemon = try await InProcessDaemon(root: root, settings: settings, clock: clock, log: log)
        let result: Result
        do {
            result = try await body(daemon)
        } catch {
            try? await daemon.stop()
            throw error
        }
        try await daemon.stop()
        return result
    }
}
