import Synchronization

/// Live counts for systemd's STATUS= line and `sluice status`.
final class DaemonCounters: Sendable {
    private struct Counts {
        var running = 0
        var succeeded = 0
        var failed = 0
        var objects = 0
        var published = 0
        var delivered = 0
        var deadLettered = 0
    }

    private let counts = Mutex(Counts())

    func executionStarted() { counts.withLock { $0.running += 1 } }
    func executionEnded(succeeded: Bool) {
        counts.withLock {
            $0.running -= 1
            if succeeded { $0.succeeded += 1 } else { $0.failed += 1 }
        }
    }
    func objectSeen() { counts.withLock { $0.objects += 1 } }
    func published() { counts.withLock { $0.published += 1 } }
    func delivery(deadLettered: Bool) {
        counts.withLock {
            if deadLettered { $0.deadLettered += 1 } else { $0.delivered += 1 }
        }
    }

    /// One line, as systemctl status shows it.
    var statusLine: String {
        counts.withLock { c in
            "executions: \(c.running) running, \(c.succeeded) succeeded, \(c.failed) failed; objects: \(c.objects); "
                + "messages: \(c.published) published, \(c.delivered) delivered, \(c.deadLettered) dead-lettered"
        }
    }
}
