import CoreMetrics
import Prometheus

/// swift-metrics' factory over a Prometheus registry of sluiced's own, with the help text of each metric.
///
/// swift-metrics' API has no help text, and swift-prometheus's own `PrometheusMetricsFactory` registers every
/// metric with none; the registry refuses (stops the process) a second help text for a name. So instead of
/// registering with the registry directly beside swift-metrics (two ways to make one metric, one of them fatal if
/// they disagree), this factory answers swift-metrics' `make…` calls with the registry's `make…(descriptor:)` (name and help), looking
/// the help up in `MetricName.help`: the code instruments through swift-metrics only, and every name gets its
/// `# HELP` line. Handed explicitly (`Counter(label:dimensions:factory:)`), never bootstrapped: several sluiceds
/// run in one test process, each with its registry.
struct HelpfulMetricsFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    /// Buckets for every duration histogram: 1 ms to 60 s.
    let durationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60),
    ]

    /// The registry's description of `label`: the whole name (the unit is part of it already) and its help.
    private func descriptor(_ label: String) -> MetricNameDescriptor {
        guard let help = MetricName.help[label] else { preconditionFailure("metric \(label) has no help text") }
        return MetricNameDescriptor(metricName: label, unitName: "", helpText: help)
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        // Only gauges are used (a histogram of values would need buckets of its own).
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: durationBuckets)
    }

    func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
