import SluiceWorkers

/// What the overview shows live, read from memory (never from sluice.db): `Telemetry.live`.
package struct TelemetrySnapshot: Sendable, Hashable {
    /// Every function that has had a host since sluiced started, by name: concurrency now, settings, totals.
    package var functions: [FunctionLive]
    /// Workers running an invocation now (all functions), and MaxWorkers.
    package var workersBusy: Int
    package var workersMax: Int
    /// Topic messages taken for delivery and not yet delivered; deliveries done and dead-lettered since start.
    package var deliveriesQueued: Int
    package var deliveriesDelivered: Int
    package var deliveriesDeadLettered: Int
    /// The running map runs of every execution, with their latest progress and items/s.
    package var mapRuns: [MapRunLive]
}
