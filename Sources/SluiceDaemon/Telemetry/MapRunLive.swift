import SluiceInterpreter

/// A running map run as the overview shows it: its latest progress and rate.
package struct MapRunLive: Sendable, Hashable {
    package var executionArn: String
    package var stateMachine: String
    /// The latest counters the execution reported (about once a second).
    package var progress: MapRunProgress
    /// Items done per second over the sampler's last second (0 until it has looked twice).
    package var itemsPerSecond: Double
}
