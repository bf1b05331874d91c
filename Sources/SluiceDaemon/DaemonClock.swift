import SluiceASL
import SluiceEngine

/// The wall clock sluiced schedules hand-offs by: when one was made, when a retry is due (a target's RetryPolicy
/// back-off) and how old its event is. The system's time; a test sets it forward to see a back-off or an event's
/// age run out without waiting real seconds for it.
package struct DaemonClock: Sendable {
    package let now: @Sendable () -> Timestamp

    package init(now: @escaping @Sendable () -> Timestamp) { self.now = now }

    package static let system = DaemonClock(now: LocalRunner.now)
}
