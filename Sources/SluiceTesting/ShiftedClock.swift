import SluiceASL
import SluiceDaemon
import SluiceEngine
import Synchronization

/// The system's time set forward by the test: a RetryPolicy's back-off or an event's MaximumEventAgeInSeconds runs
/// out when the test says, not after real seconds. It only moves forward, as time does, so what sluiced records
/// stays in order.
package final class ShiftedClock: Sendable {
    private let shift = Mutex<Duration>(.zero)

    package init() {}

    /// Moves the time forward by `duration`.
    package func advance(by duration: Duration) { shift.withLock { $0 += duration } }

    /// The time sluiced sees now.
    package func now() -> Timestamp {
        let shifted = shift.withLock { $0 }
        let millis = shifted.components.seconds * 1000 + shifted.components.attoseconds / 1_000_000_000_000_000
        return Timestamp(epochMilliseconds: LocalRunner.now().epochMilliseconds + millis)
    }

    /// sluiced's clock reading this one.
    package var daemonClock: DaemonClock { DaemonClock { [self] in now() } }
}
