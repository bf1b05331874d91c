import GRDB
import SluiceInterpreter

/// One Distributed Map run as the store keeps it: DescribeMapRun's fields and counters, dates as seconds since 1970.
package struct MapRunRecord: Sendable, Hashable {
    package var mapRunArn: String
    package var executionArn: String
    /// RUNNING, SUCCEEDED, FAILED or ABORTED.
    package var status: MapRunStatus
    package var startDate: Double
    package var stopDate: Double?
    package var maxConcurrency: Int
    package var toleratedFailureCount: Int?
    package var toleratedFailurePercentage: Double?
    package var itemsRead: Int
    package var itemsPending: Int
    package var itemsSucceeded: Int
    package var itemsFailed: Int
    /// The reader is exhausted: `itemsRead` is the total.
    package var totalKnown: Bool
    package var childrenRunning: Int
    package var childrenSucceeded: Int
    package var childrenFailed: Int
    /// Child executions stopped by the run's failure or by sluiced's end, and the items they held.
    package var childrenAborted: Int
    package var itemsAborted: Int
    /// When these counters were saved.
    package var updateDate: Double

    package init(
        mapRunArn: String,
        executionArn: String,
        status: MapRunStatus,
        startDate: Double,
        stopDate: Double?,
        maxConcurrency: Int,
        toleratedFailureCount: Int?,
        toleratedFailurePercentage: Double?,
        itemsRead: Int,
        itemsPending: Int,
        itemsSucceeded: Int,
        itemsFailed: Int,
        totalKnown: Bool,
        childrenRunning: Int,
        childrenSucceeded: Int,
        childrenFailed: Int,
        childrenAborted: Int = 0,
        itemsAborted: Int = 0,
        updateDate: Double
    ) {
        self.mapRunArn = mapRunArn
        self.executionArn = executionArn
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.itemsRead = itemsRead
        self.itemsPending = itemsPending
        self.itemsSucceeded = itemsSucceeded
        self.itemsFailed = itemsFailed
        self.totalKnown = totalKnown
        self.childrenRunning = childrenRunning
        self.childrenSucceeded = childrenSucceeded
        self.childrenFailed = childrenFailed
        self.childrenAborted = childrenAborted
        self.itemsAborted = itemsAborted
        self.updateDate = updateDate
    }

    init(row: Row) {
        self.init(
            mapRunArn: row["mapRunArn"],
            executionArn: row["executionArn"],
            status: MapRunStatus(rawValue: row["status"]) ?? .aborted,
            startDate: row["startDate"],
            stopDate: row["stopDate"],
            maxConcurrency: row["maxConcurrency"],
            toleratedFailureCount: row["toleratedFailureCount"],
            toleratedFailurePercentage: row["toleratedFailurePercentage"],
            itemsRead: row["itemsRead"],
            itemsPending: row["itemsPending"],
            itemsSucceeded: row["itemsSucceeded"],
            itemsFailed: row["itemsFailed"],
            totalKnown: row["totalKnown"],
            childrenRunning: row["childrenRunning"],
            childrenSucceeded: row["childrenSucceeded"],
            childrenFailed: row["childrenFailed"],
            childrenAborted: row["childrenAborted"],
            itemsAborted: row["itemsAborted"],
            updateDate: row["updateDate"]
        )
    }
}
