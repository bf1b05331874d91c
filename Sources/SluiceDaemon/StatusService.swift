import Foundation
import Logging
import ServiceLifecycle
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceSystemd
import SluiceVocabulary
import SluiceWorkers

/// systemd's STATUS= line and watchdog, and `sluice status`'s report in the store, every 2 s (or half the
/// watchdog interval), from a loop of sluiced's own so that a stuck sluiced stops pinging; and now and then the
/// idle on-demand workers of the functions in force are stopped.
struct StatusService: Service {
    let runtime: DaemonRuntime

    /// Journals of unsuccessful executions past the redrive window go (a few hundred each time, so a large backlog
    /// drains over a few rounds without holding the writer).
    func expireJournals() {
        let now = Double(runtime.clock.now().epochMilliseconds) / 1000
        do {
            let expired = try runtime.store.database.expireJournals(
                stoppedBefore: now - runtime.settings.redriveRetentionSeconds
            )
            if expired > 0 {
                runtime.logger.info(
                    "dropped the journals of \(expired) unsuccessful execution(s) past the redrive window (\(runtime.settings.redriveRetentionDays) days)"
                )
            }
        } catch {
            runtime.logger.warning("cannot drop expired journals: \(error)")
        }
    }

    func run() async throws {
        let notifier = runtime.notifier
        let interval = min(notifier.watchdogInterval.map { $0 / 2 } ?? .seconds(2), .seconds(2))
        let startedAt = Date().timeIntervalSince1970
        var lastReap = ContinuousClock.now
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let busy = await runtime.hosts.host.busyWorkers()
            runtime.counters.workers(busy: busy)
            notifier.status(runtime.counters.statusLine)
            notifier.watchdog()
            let report: JSONValue = [
                "pid": .int(Int(getpid())), "startedAt": .double(startedAt),
                "updatedAt": .double(Date().timeIntervalSince1970), "status": .string(runtime.counters.statusLine),
                "busyWorkers": .int(busy), "agents": .array(runtime.agentsReports.all.map(\.json)),
            ]
            try? runtime.store.database.saveDaemonReport(report.serialized())
            if ContinuousClock.now - lastReap >= .seconds(5) {
                lastReap = .now
                await runtime.hosts.host.reapIdle(idleTime: .seconds(60))
                expireJournals()
            }
            await nap(interval)
        }
    }
}
