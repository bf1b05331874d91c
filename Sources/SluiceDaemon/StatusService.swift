import Foundation
import ServiceLifecycle
import SluiceJSON
import SluiceStore
import SluiceSystemd
import SluiceWorkers

/// systemd's STATUS= line and watchdog, and `sluice status`'s report in the store, every 2 s (or half the
/// watchdog interval), from a loop of sluiced's own so that a stuck sluiced stops pinging; and now and then the
/// idle on-demand workers of the functions in force are stopped.
struct StatusService: Service {
    let runtime: DaemonRuntime

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
            }
            await nap(interval)
        }
    }
}
