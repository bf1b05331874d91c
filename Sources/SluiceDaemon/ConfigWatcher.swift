import Logging
import SluiceEngine
import SluiceWatch

/// Watches the configuration folders (state machines, rules, subscriptions, functions, buckets) so that saving a file
/// reloads, as SIGHUP does. Editors write in bursts (temp file, rename, chmod): changes are gathered for a moment
/// first.
struct ConfigWatcher: Sendable {
    let paths: SluicePaths
    let logger: Logger

    /// Calls `reload` after every burst of changes until cancelled or the folders cannot be watched.
    func run(reload: @escaping @Sendable () async -> Void) async {
        let inotify: Inotify
        do {
            inotify = try Inotify()
            for folder in [
                paths.stateMachines, paths.rules, paths.subscriptions, paths.functions, paths.bucketDeclarations,
                paths.apiStateMachines, paths.apiRules, paths.apiSubscriptions, paths.apiFunctions,
            ] {
                // A folder that does not exist yet is simply not watched (SIGHUP still reloads).
                _ = try? inotify.addWatch(
                    folder,
                    mask: [.closeWrite, .movedTo, .movedFrom, .delete, .onlyDirectory]
                )
            }
        } catch {
            logger.warning("configuration folders not watched (reload with SIGHUP): \(error)")
            return
        }
        // Files saved from here on reload (what a test waits for before it saves one).
        logger.debug("configuration folders watched")
        let changes = inotify
        await withTaskCancellationHandler {
            var pending = false
            do {
                for try await event in changes {
                    // Hidden and temporary names are an editor's work in progress.
                    guard let name = event.name, !name.hasPrefix("."), name.hasSuffix(".json") else { continue }
                    if pending { continue }
                    pending = true
                    try? await Task.sleep(for: .milliseconds(200))
                    pending = false
                    logger.info("configuration changed (\(name)): reloading")
                    await reload()
                }
            } catch {
                logger.warning("configuration watch ended: \(error)")
            }
        } onCancel: {
            changes.close()
        }
    }
}
