import CoreMetrics
import Prometheus
import SluiceVocabulary
import SluiceWorkers
import Synchronization

/// sluiced's metrics, instrumented through swift-metrics over a Prometheus registry of this runtime's own (see
/// HelpfulMetricsFactory), and their text for `/metrics`. Counts only, never payloads. A handle per name and label
/// value is made once and kept.
final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: HelpfulMetricsFactory
    private let counters = Mutex<[HandleKey: CoreMetrics.Counter]>([:])
    private let gauges = Mutex<[HandleKey: CoreMetrics.Gauge]>([:])
    private let timers = Mutex<[HandleKey: CoreMetrics.Timer]>([:])

    private struct HandleKey: Hashable {
        var name: String
        var label: String?
        var value: String?
    }

    init(maxWorkers: Int) {
        factory = HelpfulMetricsFactory(registry: registry)
        gauge(MetricName.workersMax).record(maxWorkers)
        gauge(MetricName.workersBusy).record(0)
        // Shown at 0 from the start: a rate over a counter that appears late loses its first increase.
        counter(MetricName.deliveriesDelivered).increment(by: 0)
        counter(MetricName.deliveriesDeadLettered).increment(by: 0)
        counter(MetricName.bucketWatchOverflows).increment(by: 0)
    }

    /// The exposition, Prometheus's text format (version 0.0.4).
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16_384)
        registry.emit(into: &buffer)
        return buffer
    }

    // MARK: - What is counted

    func executionStarted(stateMachine: String) {
        counter(MetricName.executionsStarted, "state_machine", stateMachine).increment()
    }

    func executionEnded(stateMachine: String, status: ExecutionStatus) {
        let name: String
        switch status {
        case .succeeded: name = MetricName.executionsSucceeded
        case .failed: name = MetricName.executionsFailed
        case .timedOut: name = MetricName.executionsTimedOut
        case .aborted: name = MetricName.executionsAborted
        case .running, .pendingRedrive: return
        }
        counter(name, "state_machine", stateMachine).increment()
    }

    func mapRunItems(stateMachine: String, processed: Int, failed: Int) {
        if processed > 0 {
            counter(MetricName.mapRunItemsProcessed, "state_machine", stateMachine).increment(by: processed)
        }
        if failed > 0 { counter(MetricName.mapRunItemsFailed, "state_machine", stateMachine).increment(by: failed) }
    }

    /// One sampling period of a function (the sampler's second).
    func function(_ period: FunctionPeriod) {
        let name = period.function
        // Made even at zero, so that a function shows in the exposition once it has had a host.
        counter(MetricName.functionInvocations, "function", name).increment(by: period.invocations)
        counter(MetricName.functionErrors, "function", name).increment(by: period.errors)
        counter(MetricName.functionThrottles, "function", name).increment(by: period.throttles)
        gauge(MetricName.functionConcurrent, "function", name).record(period.concurrentNow)
        let duration = timer(MetricName.functionDuration, "function", name)
        for milliseconds in period.durations { duration.recordNanoseconds(Int64(milliseconds * 1_000_000)) }
    }

    func functionConcurrent(_ name: String, _ concurrent: Int) {
        gauge(MetricName.functionConcurrent, "function", name).record(concurrent)
    }

    func workers(busy: Int) { gauge(MetricName.workersBusy).record(busy) }

    func delivery(deadLettered: Bool) {
        counter(deadLettered ? MetricName.deliveriesDeadLettered : MetricName.deliveriesDelivered).increment()
    }

    func bucketWatchOverflowed() { counter(MetricName.bucketWatchOverflows).increment() }

    func journalWritten(in duration: Duration) {
        timer(MetricName.journalWrite).recordNanoseconds(
            duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        )
    }

    // MARK: - Handles

    private func counter(_ name: String, _ label: String? = nil, _ value: String? = nil) -> CoreMetrics.Counter {
        handle(counters, HandleKey(name: name, label: label, value: value)) {
            CoreMetrics.Counter(label: name, dimensions: $0, factory: factory)
        }
    }

    private func gauge(_ name: String, _ label: String? = nil, _ value: String? = nil) -> CoreMetrics.Gauge {
        handle(gauges, HandleKey(name: name, label: label, value: value)) {
            CoreMetrics.Gauge(label: name, dimensions: $0, factory: factory)
        }
    }

    private func timer(_ name: String, _ label: String? = nil, _ value: String? = nil) -> CoreMetrics.Timer {
        handle(timers, HandleKey(name: name, label: label, value: value)) {
            CoreMetrics.Timer(label: name, dimensions: $0, factory: factory)
        }
    }

    /// The handle kept for `key`, made (with the key's dimensions) the first time it is asked for.
    private func handle<Handle>(
        _ cache: borrowing Mutex<[HandleKey: Handle]>,
        _ key: HandleKey,
        make: ([(String, String)]) -> Handle
    ) -> Handle {
        cache.withLock { handles in
            if let handle = handles[key] { return handle }
            let made = make(Self.dimensions(key))
            handles[key] = made
            return made
        }
    }

    private static func dimensions(_ key: HandleKey) -> [(String, String)] {
        guard let label = key.label, let value = key.value else { return [] }
        return [(label, value)]
    }
}
