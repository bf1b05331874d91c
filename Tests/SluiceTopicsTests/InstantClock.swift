import Foundation
import SluiceCore
import SluiceJSON
import SluiceTopics
import SluiceVocabulary
import Synchronization

/// A clock whose sleeps end at once; it remembers how long each one was asked to be.
struct InstantClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    /// What the clock was asked, shared by its copies.
    final class Log: Sendable {
        let now = Mutex<Duration>(.zero)
        let sleeps = Mutex<[Duration]>([])
    }

    let log = Log()

    var now: Instant { Instant(offset: log.now.withLock { $0 }) }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let start = now
        log.sleeps.withLock { $0.append(start.duration(to: deadline)) }
        log.now.withLock { $0 = max($0, deadline.offset) }
    }

    /// The sleeps in whole seconds.
    var sleptSeconds: [Int64] { log.sleeps.withLock { $0.map(\.components.seconds) } }
}

/// A fixed instant: 2026-11-27T05:01:02.123Z.
let fixedTime = Timestamp(epochMilliseconds: 1_795_755_662_123)
