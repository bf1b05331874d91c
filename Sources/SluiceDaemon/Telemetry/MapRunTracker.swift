import SluiceInterpreter
import SluiceStore
import Synchronization

/// Every running map run of every execution, as their executions report them (about once a second), for the
/// sampler's points and the overview; a run that ends gets one last point, then is forgotten.
final class MapRunTracker: Sendable {
    private struct Tracked {
        var live: MapRunLive
        var ended = false
        /// Items done at the sampler's last look, and when (Unix seconds).
        var sampled: (t: Int, done: Int)?
        /// Items processed and failed already counted in the metrics.
        var counted = (processed: 0, failed: 0)
    }

    private let runs = Mutex<[String: Tracked]>([:])

    /// `executionArn`'s map runs as it reports them; answers the items newly processed and failed per state
    /// machine, for the metrics.
    func progress(_ reported: [MapRunProgress], executionArn: String, stateMachine: String) -> (
        processed: Int, failed: Int
    ) {
        runs.withLock { runs in
            var added = (processed: 0, failed: 0)
            for progress in reported {
                var tracked =
                    runs[progress.mapRunArn]
                    ?? Tracked(
                        live: MapRunLive(
                            executionArn: executionArn,
                            stateMachine: stateMachine,
                            progress: progress,
                            itemsPerSecond: 0
                        )
                    )
                tracked.live.progress = progress
                if progress.status != .running { tracked.ended = true }
                added.processed += max(0, progress.itemsDone - tracked.counted.processed)
                added.failed += max(0, progress.itemsFailed - tracked.counted.failed)
                tracked.counted = (
                    max(tracked.counted.processed, progress.itemsDone),
                    max(tracked.counted.failed, progress.itemsFailed)
                )
                runs[progress.mapRunArn] = tracked
            }
            return added
        }
    }

    /// `executionArn` is over (or stopped): its runs still tracked get their last point.
    func executionEnded(_ executionArn: String) {
        runs.withLock { runs in
            for (arn, tracked) in runs where tracked.live.executionArn == executionArn { runs[arn]?.ended = true }
        }
    }

    /// A point for every run at `t` (Unix seconds); a run that ended gets its last one and is dropped.
    func sample(at t: Int) -> [MapRunSample] {
        runs.withLock { runs in
            var samples: [MapRunSample] = []
            samples.reserveCapacity(runs.count)
            for (arn, var tracked) in runs {
                let progress = tracked.live.progress
                if let last = tracked.sampled, t > last.t {
                    tracked.live.itemsPerSecond = Double(max(0, progress.itemsDone - last.done)) / Double(t - last.t)
                }
                if tracked.sampled.map({ t > $0.t }) ?? true { tracked.sampled = (t, progress.itemsDone) }
                samples.append(
                    MapRunSample(
                        mapRunArn: arn,
                        t: t,
                        running: tracked.ended ? 0 : progress.running,
                        succeeded: progress.itemsSucceeded,
                        failed: progress.itemsFailed,
                        itemsPerSecond: tracked.live.itemsPerSecond
                    )
                )
                if tracked.ended { runs[arn] = nil } else { runs[arn] = tracked }
            }
            return samples
        }
    }

    /// The runs running now, oldest ARN first.
    var running: [MapRunLive] {
        runs.withLock { runs in
            runs.values.filter { !$0.ended }.map(\.live).sorted { $0.progress.mapRunArn < $1.progress.mapRunArn }
        }
    }
}
