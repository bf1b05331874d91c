import SluiceInterpreter
import Synchronization

/// The journal's progress lines for map runs: at most one every `interval` per map run (and its last), with the
/// rate since the previous line and an ETA, never a line per batch.
///
/// `map run score-companies/scores:1329aee5 164,962/227,000 items (72%), 0 failed, 16 running, 151,000 items/s,
/// ETA 0:00:01`
final class MapRunProgressLog: Sendable {
    private struct Sample {
        var at: ContinuousClock.Instant
        var done: Int
    }

    private let interval: Duration
    private let samples = Mutex<[String: Sample]>([:])

    init(interval: Duration = .seconds(5)) {
        self.interval = interval
    }

    /// The lines due for `runs` at `now`.
    func lines(for runs: [MapRunProgress], at now: ContinuousClock.Instant = .now) -> [String] {
        samples.withLock { samples in
            var lines: [String] = []
            for run in runs {
                let ended = run.status != .running
                let last = samples[run.mapRunArn]
                if let last, !ended, now - last.at < interval { continue }
                var rate: Double?
                if let last, now > last.at {
                    let elapsed =
                        Double((now - last.at).components.seconds)
                        + Double((now - last.at).components.attoseconds) / 1e18
                    rate = Double(run.itemsDone - last.done) / elapsed
                }
                lines.append(Self.line(run, itemsPerSecond: rate))
                if ended {
                    samples[run.mapRunArn] = nil
                } else {
                    samples[run.mapRunArn] = Sample(at: now, done: run.itemsDone)
                }
            }
            return lines
        }
    }

    static func line(_ run: MapRunProgress, itemsPerSecond: Double?) -> String {
        var text = "map run \(LogNames.mapRun(run.mapRunArn)) \(LogNames.count(run.itemsDone))"
        if run.totalKnown {
            text += "/\(LogNames.count(run.itemsRead)) items"
            if run.itemsRead > 0 { text += " (\(run.itemsDone * 100 / run.itemsRead)%)" }
        } else {
            text += " items"
        }
        text += ", \(LogNames.count(run.itemsFailed)) failed"
        guard run.status == .running else { return text + ", \(run.status)" }
        text += ", \(LogNames.count(run.running)) running"
        if let itemsPerSecond, itemsPerSecond.isFinite, itemsPerSecond >= 0 {
            text += ", \(LogNames.count(Int(itemsPerSecond.rounded()))) items/s"
            if run.totalKnown, itemsPerSecond > 0 {
                text += ", ETA \(LogNames.clock(Double(run.itemsRead - run.itemsDone) / itemsPerSecond))"
            }
        }
        return text
    }
}
