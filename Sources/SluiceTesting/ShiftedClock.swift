import SluiceASL
import SluiceEngine
import SluiceVocabulary
import Synchronization

/// The system's time set forward by the test: a RetryPolicy's back-off, an event's MaximumEventAgeInSeconds or an
/// hour's Wait state runs out when the test says, not after real time. It only moves forward, as time does, so
/// what sluiced records stays in order.
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

    /// sluiced's clock reading this one: a sleep ends when real time or the test's setting forward reaches its
    /// deadline, whichever comes first (looked at every 10 ms).
    package var wallClock: WallClock {
        WallClock(now: { [self] in now() }) { [self] deadline in
            while true {
                let left = deadline.epochMilliseconds - now().epochMilliseconds
                if left <= 0 { return }
                try await Task.sleep(for: .milliseconds(min(left, 10)))
            }
        }
    }
}
