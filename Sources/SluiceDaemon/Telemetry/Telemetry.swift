import SluiceInterpreter
import SluiceVocabulary
import SluiceWorkers
import Synchronization

/// sluiced's statistics and metrics, owned by the runtime so that they outlive reloads: the function statistics
/// every FunctionHost records into, the running map runs of every execution, the deliveries, and the Prometheus
/// registry behind `/metrics`. The sampler (SamplerService) turns them into sluice.db's samples each second.
package final class Telemetry: Sendable {
    /// What each function did; handed to every FunctionHost the runtime builds.
    package let functions = FunctionStatistics()
    let metrics: DaemonMetrics
    let mapRuns = MapRunTracker()
    package let maxWorkers: Int
    private let deliveries = Mutex((queued: 0, delivered: 0, deadLettered: 0))

    init(maxWorkers: Int) {
        self.maxWorkers = maxWorkers
        metrics = DaemonMetrics(maxWorkers: maxWorkers)
    }

    // MARK: - Told by the services

    func executionStarted(stateMachine: String) { metrics.executionStarted(stateMachine: stateMachine) }

    func executionEnded(stateMachine: String, executionArn: String, status: ExecutionStatus) {
        mapRuns.executionEnded(executionArn)
        metrics.executionEnded(stateMachine: stateMachine, status: status)
    }

    /// An execution's map runs as it reports them (about once a second, and at once when one ends).
    func mapRunProgress(_ runs: [MapRunProgress], executionArn: String, stateMachine: String) {
        let added = mapRuns.progress(runs, executionArn: executionArn, stateMachine: stateMachine)
        metrics.mapRunItems(stateMachine: stateMachine, processed: added.processed, failed: added.failed)
    }

    /// A message taken for delivery to its subscribers.
    func deliveryQueued() { deliveries.withLock { $0.queued += 1 } }

    /// A message's deliveries are over (`deadLettered` per subscriber that never took it).
    func deliveryFinished(outcomes deadLettered: [Bool], wasQueued: Bool) {
        deliveries.withLock { d in
            if wasQueued { d.queued -= 1 }
            for dead in deadLettered {
                if dead { d.deadLettered += 1 } else { d.delivered += 1 }
            }
        }
        for dead in deadLettered { metrics.delivery(deadLettered: dead) }
    }

    func journalWritten(in duration: Duration) { metrics.journalWritten(in: duration) }

    func bucketWatchOverflowed() { metrics.bucketWatchOverflowed() }

    // MARK: - Read

    /// The overview's live values, from memory.
    package var live: TelemetrySnapshot {
        let functions = self.functions.recordersByName.map(\.live)
        let d = deliveries.withLock { $0 }
        return TelemetrySnapshot(
            functions: functions,
            workersBusy: functions.reduce(0) { $0 + $1.concurrent },
            workersMax: maxWorkers,
            deliveriesQueued: d.queued,
            deliveriesDelivered: d.delivered,
            deliveriesDeadLettered: d.deadLettered,
            mapRuns: mapRuns.running
        )
    }

    /// `/metrics`' text (Prometheus's text format 0.0.4, `text/plain; version=0.0.4`). The function counters and
    /// duration histograms are as of the sampler's last second; the gauges are as of now.
    package func exposition() -> [UInt8] {
        var busy = 0
        for function in functions.recordersByName.map(\.live) {
            busy += function.concurrent
            metrics.functionConcurrent(function.name, function.concurrent)
        }
        metrics.workers(busy: busy)
        return metrics.exposition()
    }
}
