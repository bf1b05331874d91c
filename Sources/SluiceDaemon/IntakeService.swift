import Logging
import ServiceLifecycle
import SluiceCore
import SluiceStore
import SluiceSystemd
import SluiceWatch

/// Bucket intake: every object the watcher reports (catch-up first, then live) is recorded as reported in one
/// transaction with the hand-offs its event routes to, then those are carried out. Graceful shutdown closes the
/// watcher: no new objects (it is the first service to stop, and says STOPPING=1).
struct IntakeService: Service {
    let runtime: DaemonRuntime

    func run() async throws {
        let runtime = runtime
        // A watcher that fails shuts sluiced down (with its running executions finishing) and exits non-zero, so
        // systemd restarts it and the catch-up reports what the failure missed.
        try await withGracefulShutdownHandler {
            do {
                for try await object in runtime.watcher.events() { take(object) }
            } catch {
                runtime.logger.critical("the bucket watcher stopped: \(error)")
                throw error
            }
        } onGracefulShutdown: {
            runtime.notifier.stopping()
            runtime.logger.info("stopping: no new objects; running executions finish")
            runtime.watcher.close()
        }
    }

    /// Reported and what follows from it in one transaction: a crash loses neither. A bucket declared without
    /// EventBridge sends its events nowhere, as on S3.
    private func take(_ object: ObjectEvent) {
        runtime.counters.objectSeen()
        let location = "s3://\(object.bucket)/\(object.key)"
        let sends = runtime.config.current.buckets[object.bucket]?.sendsEventsToEventBridge ?? true
        let handoffs = sends ? runtime.handoffs.plan(object.event, key: object.key, about: location) : []
        FaultPoint.intakeBeforeCommit.reach()
        let stored: [Handoff]
        do {
            stored = try runtime.store.record(object, handoffs: handoffs)
        } catch {
            runtime.logger.error(
                "cannot record \(location) in the store: \(error); it is reported again when sluiced restarts"
            )
            return
        }
        FaultPoint.intakeAfterCommit.reach()
        runtime.logger.log(
            level: sends ? .info : .debug,
            "\(object.kind.rawValue) \(location)",
            metadata: ["sluice.object": .string("\(object.bucket)/\(object.key)")]
        )
        runtime.handoffs.dispatch(stored)
    }
}
