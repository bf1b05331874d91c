import Logging
import ServiceLifecycle
import SluiceSystemd
import SluiceTopics
import SluiceWatch
import SluiceWorkers
import UnixSignals

/// SIGHUP, or a saved configuration file: definitions, rules, subscriptions, buckets and functions are loaded
/// again, and the new set put in force whole. A file that no longer loads keeps its last good version. Functions
/// get a new host only when a function file changed (warm workers are worth keeping).
struct ReloadService: Service {
    let runtime: DaemonRuntime

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    await reload(rescan: true)
                }
            }
            group.addTask {
                await cancelWhenGracefulShutdown {
                    await ConfigWatcher(paths: runtime.paths, logger: runtime.logger).run {
                        await reload(rescan: false)
                    }
                }
            }
        }
    }

    func reload(rescan: Bool) async {
        let runtime = runtime
        runtime.notifier.reloading()
        let fresh = DaemonConfiguration.load(runtime.paths, previous: runtime.config.current)
        runtime.report(fresh.problems)
        runtime.makeFolders(of: fresh.buckets)
        runtime.config.replace(with: fresh)
        await runtime.delivery.replaceSubscriptions(fresh.subscriptions)
        let functions = DaemonRuntime.loadFunctions(
            runtime.paths,
            runtime.settings,
            runtime.logger,
            statistics: runtime.telemetry.functions,
            // The agents connected stay: they serve the new host's functions as they served the old one's.
            agents: runtime.hosts.host.agents
        )
        if functions.definitions != runtime.hosts.host.definitions {
            await functions.start()
            await runtime.hosts.replace(with: functions)
            runtime.logger.info("functions reloaded")
        }
        if rescan { runtime.watcher.rescan() }
        runtime.logger.info("configuration reloaded (a file that no longer loads keeps its last good version)")
        runtime.notifier.ready(status: runtime.counters.statusLine)
    }
}
