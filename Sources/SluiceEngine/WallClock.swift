import SluiceASL
import SluiceVocabulary

/// The wall clock executions and sluiced run by: the time events are stamped with, and when a Wait state, a
/// TimeoutSeconds or a RetryPolicy back-off is due. The system's time; a test sets it forward to see an hour's
/// Wait or a back-off run out without waiting real time for it.
package struct WallClock: Sendable {
    /// The time now.
    package let now: @Sendable () -> Timestamp
    /// Returns once `now()` has reached the given time; throws when the task is cancelled.
    package let sleepUntil: @Sendable (Timestamp) async throws -> Void

    package init(
        now: @escaping @Sendable () -> Timestamp,
        sleepUntil: @escaping @Sendable (Timestamp) async throws -> Void
    ) {
        self.now = now
        self.sleepUntil = sleepUntil
    }

    package static let system = WallClock(now: LocalRunner.now) { deadline in
        let delay = deadline.epochMilliseconds - LocalRunner.now().epochMilliseconds
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
    }
}
