/// How far one Map run has got: what DescribeMapRun's status, limits and item counters and `sluice map-runs` show.
package struct MapRunProgress: Sendable, Hashable {
    package var mapRunArn: String
    /// DescribeMapRun's status: RUNNING, then SUCCEEDED, FAILED or ABORTED.
    package var status: MapRunStatus
    /// MaxConcurrency as declared or updated; 0 is no limit.
    package var maxConcurrency: Int
    package var toleratedFailureCount: Int?
    package var toleratedFailurePercentage: Double?
    /// Items taken from the source so far (all of them once `totalKnown`).
    package var itemsRead: Int
    package var itemsSucceeded: Int
    package var itemsFailed: Int
    /// Items read but not yet handed to a child execution.
    package var itemsPending: Int
    /// Child executions (or iterations) running now.
    package var running: Int
    /// Child executions that succeeded and failed so far.
    package var childrenSucceeded: Int
    package var childrenFailed: Int
    /// Child executions stopped because the run failed, and the items they held.
    package var childrenAborted: Int
    package var itemsAborted: Int
    /// The source is exhausted, so `itemsRead` is the total.
    package var totalKnown: Bool

    package var itemsDone: Int { itemsSucceeded + itemsFailed }

    package init(
        mapRunArn: String,
        status: MapRunStatus = .running,
        maxConcurrency: Int = 0,
        toleratedFailureCount: Int? = nil,
        toleratedFailurePercentage: Double? = nil,
        itemsRead: Int,
        itemsSucceeded: Int,
        itemsFailed: Int,
        itemsPending: Int = 0,
        running: Int,
        childrenSucceeded: Int = 0,
        childrenFailed: Int = 0,
        childrenAborted: Int = 0,
        itemsAborted: Int = 0,
        totalKnown: Bool
    ) {
        self.mapRunArn = mapRunArn
        self.status = status
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.itemsRead = itemsRead
        self.itemsSucceeded = itemsSucceeded
        self.itemsFailed = itemsFailed
        self.itemsPending = itemsPending
        self.running = running
        self.childrenSucceeded = childrenSucceeded
        self.childrenFailed = childrenFailed
        self.childrenAborted = childrenAborted
        self.itemsAborted = itemsAborted
        self.totalKnown = totalKnown
    }

    init(_ run: MapRun, _ join: Join, status: MapRunStatus) {
        self.init(
            mapRunArn: run.mapRunArn,
            status: status,
            maxConcurrency: run.limits.declaredMaxConcurrency,
            toleratedFailureCount: run.limits.toleratedFailureCount,
            toleratedFailurePercentage: run.limits.toleratedFailurePercentage,
            itemsRead: run.nextItemIndex + run.bufferedCount,
            itemsSucceeded: run.itemsSucceeded,
            itemsFailed: run.itemsFailed,
            itemsPending: run.bufferedCount,
            running: join.running.count,
            childrenSucceeded: join.succeeded,
            childrenFailed: join.failures,
            childrenAborted: run.childrenAborted,
            itemsAborted: run.itemsAborted,
            totalKnown: run.exhausted
        )
    }
}

extension Execution {
    /// Every Map run in progress (Distributed Maps; inline ones have no Map Run on AWS either).
    package var mapRunProgress: [MapRunProgress] {
        frames.values.compactMap { frame in
            guard case .joining(let join) = frame.phase, case .map(let run) = join.kind, run.limits.distributed else {
                return nil
            }
            return MapRunProgress(run, join, status: .running)
        }
    }
}
