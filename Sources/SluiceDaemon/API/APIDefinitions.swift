import Foundation
import SluiceAWS
import SluiceEngine
import SluiceLinux

/// Definitions the API creates, changes and deletes (a state machine, a rule, a subscription): files in
/// var/lib/sluice/config in the formats of /etc/sluice, written atomically and put in force before the answer (the
/// next call sees them, as on AWS). A name /etc/sluice defines belongs to the administrator: the API cannot change
/// or delete it.
struct APIDefinitions {
    let runtime: DaemonRuntime

    /// A folder of definitions, by its name under etc/sluice and var/lib/sluice/config.
    enum Folder: String {
        case stateMachines = "state-machines"
        case rules
        case subscriptions
        case functions
    }

    /// Whether /etc/sluice defines `file` (e.g. `score.asl.json`) in `folder`.
    func isShipped(_ folder: Folder, file: String) -> Bool {
        Posix.status(runtime.paths.config + "/" + folder.rawValue + "/" + file) != nil
    }

    /// Whether the API created `file` in `folder`.
    func isCreated(_ folder: Folder, file: String) -> Bool {
        Posix.status(path(folder, file)) != nil
    }

    func path(_ folder: Folder, _ file: String) -> String {
        runtime.paths.apiConfig + "/" + folder.rawValue + "/" + file
    }

    /// Writes `text` as `file` and reloads. `shipped` is the error to answer when /etc/sluice has that name.
    func save(_ folder: Folder, file: String, text: String, shipped: AWSError) async throws(AWSError) {
        guard !isShipped(folder, file: file) else { throw shipped }
        do {
            try AtomicFile.write(Array(text.utf8), to: path(folder, file))
        } catch {
            throw AWSError.internalFailure("cannot write \(path(folder, file)): \(error)")
        }
        await ReloadService(runtime: runtime).reload(rescan: false)
    }

    /// Deletes `file` and reloads; nothing happens when the API never created it.
    func remove(_ folder: Folder, file: String, shipped: AWSError) async throws(AWSError) {
        guard !isShipped(folder, file: file) else { throw shipped }
        guard isCreated(folder, file: file) else { return }
        Posix.removeQuietly(path(folder, file))
        await ReloadService(runtime: runtime).reload(rescan: false)
    }
}
