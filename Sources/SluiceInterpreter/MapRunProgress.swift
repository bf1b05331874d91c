/// How far one running Map run has got: what DescribeMapRun's item counters and `sluice map-runs watch` show.
public struct MapRunProgress: Sendable, Hashable {
    public var mapRunArn: String
    /// Items taken from the source so far (all of them once `totalKnown`).
    public var itemsRead: Int
    public var itemsSucceeded: Int
    public var itemsFailed: Int
    /// Child executions (or iterations) running now.
    public var running: Int
    /// The source is exhausted, so `itemsRead` is the total.
    public var totalKnown: Bool

    public var itemsDone: Int { itemsSucceeded + itemsFailed }
}

extension Execution {
    /// Every Map run in progress (Distributed Maps; inline ones have no Map Run on AWS either).
    public var mapRunProgress: [MapRunProgress] {
        frames.values.compactMap { frame in
            guard case .joining(let join) = frame.phase, case .map(let run) = join.kind, run.limits.distributed else {
                return nil
            }
            return MapRunProgress(
                mapRunArn: run.mapRunArn,
                itemsRead: run.nextItemIndex + run.bufferedCount,
                itemsSucceeded: run.itemsSucceeded,
                itemsFailed: run.itemsFailed,
                running: join.running.count,
                totalKnown: run.exhausted
            )
        }
    }
}
