import Logging
import ServiceLifecycle
import SluiceSystemd

/// The executions' journal is written in groups: what is recorded in the 50 ms after a first record (an idle
/// sluiced sleeps until there is one, with no timer). A store that stays unwritable for a second (disk
/// full) stops sluiced at once by failing this service, which cancels the group: what is journaled is safe, and a
/// restart once there is room carries on from it, where running on would do work nothing records. It is the last
/// service to stop, after a final write.
struct JournalWriterService: Service {
    let runtime: DaemonRuntime

    func run() async throws {
        var failingSince: ContinuousClock.Instant?
        while !Task.isCancelled {
            let stopping = Task.isShuttingDownGracefully
            do {
                try runtime.journal.flush()
                failingSince = nil
            } catch {
                let since = failingSince ?? .now
                failingSince = since
                runtime.logger.error("cannot write the execution journal to sluice.db: \(error)")
                if ContinuousClock.now - since > .seconds(1) {
                    runtime.notifier.stopping()
                    throw DaemonError(
                        "sluice.db cannot be written (is the disk full?): stopping now so nothing is done that the store does not record; running executions carry on from their journal after a restart"
                    )
                }
            }
            if stopping, failingSince == nil { return }
            if failingSince == nil {
                await cancelWhenGracefulShutdown { await runtime.journal.waitForRecords() }
            }
            await nap(.milliseconds(50))
        }
    }
}
