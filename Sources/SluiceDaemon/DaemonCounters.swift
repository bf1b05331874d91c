import SluiceInterpreter
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
        /// The running map runs of each running execution.
        var mapRuns: [String: [MapRunProgress]] = [:]
        var rateSample: (at: ContinuousClock.Instant, done: Int)?
        var itemsPerSecond = 0.0
        var busyWorkers = 0
    }

    private let counts = Mutex(Counts())

    func executionStarted() { counts.withLock { $0.running += 1 } }
    func executionEnded(succeeded: Bool) {
        counts.withLock {
            $0.running -= 1
            if succeeded { $0.succeeded += 1 } else { $0.failed += 1 }
        }
    }
    /// The latest progress of `executionArn`'s running Map runs (every execution's are kept, side by side).
    func mapRuns(_ runs: [MapRunProgress], executionArn: String) {
        counts.withLock { c in
            c.mapRuns[executionArn] = runs.isEmpty ? nil : runs
            Self.rate(&c)
        }
    }

    /// `executionArn` ended: its map runs no longer run.
    func mapRunsEnded(executionArn: String) {
        counts.withLock { c in
            guard c.mapRuns.removeValue(forKey: executionArn) != nil else { return }
            Self.rate(&c)
        }
    }

    /// Items/s over all running map runs, since the last change.
    private static func rate(_ c: inout Counts) {
        let runs = c.mapRuns.values.joined()
        let done = runs.reduce(0) { $0 + $1.itemsDone }
        let now = ContinuousClock.now
        if let sample = c.rateSample, done >= sample.done {
            let seconds =
                Double((now - sample.at).components.attoseconds) / 1e18
                + Double((now - sample.at).components.seconds)
            if seconds > 0 { c.itemsPerSecond = Double(done - sample.done) / seconds }
        }
        c.rateSample = runs.isEmpty ? nil : (now, done)
    }

    func workers(busy: Int) { counts.withLock { $0.busyWorkers = busy } }

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
            var line = "executions: \(c.running) running, \(c.succeeded) succeeded, \(c.failed) failed; "
            let runs = Array(c.mapRuns.values.joined())
            if !runs.isEmpty {
                let done = runs.reduce(0) { $0 + $1.itemsDone }
                let read = runs.reduce(0) { $0 + $1.itemsRead }
                let total = runs.allSatisfy(\.totalKnown) ? "/\(read)" : " (\(read) read)"
                line += "map runs: \(runs.count), items \(done)\(total), \(Int(c.itemsPerSecond)) items/s; "
            }
            return line + "workers busy: \(c.busyWorkers); objects: \(c.objects); "
                + "messages: \(c.published) published, \(c.delivered) delivered, "
                + "\(c.deadLettered) dead-lettered"
        }
    }
}
