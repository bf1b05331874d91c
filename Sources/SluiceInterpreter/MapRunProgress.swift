/// How far one Map run has got: what DescribeMapRun's status, limits and item counters and `sluice map-runs` show.
public struct MapRunProgress: Sendable, Hashable {
    public var mapRunArn: String
    /// DescribeMapRun's status: RUNNING, then SUCCEEDED, FAILED or ABORTED.
    public var status: String
    /// MaxConcurrency as declared or updated; 0 is no limit.
    public var maxConcurrency: Int
    public var toleratedFailureCount: Int?
    public var toleratedFailurePercentage: Double?
    /// Items taken from the source so far (all of them once `totalKnown`).
    public var itemsRead: Int
    public var itemsSucceeded: Int
    public var itemsFailed: Int
    /// Items read but not yet handed to a child execution.
    public var itemsPending: Int
    /// Child executions (or iterations) running now.
    public var running: Int
    /// Child executions that succeeded and failed so far.
    public var childrenSucceeded: Int
    public var childrenFailed: Int
    /// Child executions stopped because the run failed, and the items they held.
    public var childrenAborted: Int
    public var itemsAborted: Int
    /// The source is exhausted, so `itemsRead` is the total.
    public var totalKnown: Bool

    public var itemsDone: Int { itemsSucceeded + itemsFailed }

    public init(
        mapRunArn: String,
        status: String = "RUNNING",
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

    init(_ run: MapRun, _ join: Join, status: String) {
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
    public var mapRunProgress: [MapRunProgress] {
        frames.values.compactMap { frame in
            guard case .joining(let join) = frame.phase, case .map(let run) = join.kind, run.limits.distributed else {
                return nil
            }
            return MapRunProgress(run, join, status: "RUNNING")
        }
    }
}
