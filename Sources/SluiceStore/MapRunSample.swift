import GRDB

/// One second of a Distributed Map run: child executions running, items done so far, and the rate.
package struct MapRunSample: Sendable, Hashable {
    package var mapRunArn: String
    /// Unix seconds.
    package var t: Int
    /// Child executions running.
    package var running: Int
    /// Items succeeded and failed so far (cumulative, as DescribeMapRun's itemCounts).
    package var succeeded: Int
    package var failed: Int
    /// Items done per second over the last second.
    package var itemsPerSecond: Double

    package init(mapRunArn: String, t: Int, running: Int, succeeded: Int, failed: Int, itemsPerSecond: Double) {
        self.mapRunArn = mapRunArn
        self.t = t
        self.running = running
        self.succeeded = succeeded
        self.failed = failed
        self.itemsPerSecond = itemsPerSecond
    }

    static let columns = "mapRunArn, t, running, succeeded, failed, itemsPerSecond"

    init(row: Row) {
        self.init(
            mapRunArn: row["mapRunArn"],
            t: row["t"],
            running: row["running"],
            succeeded: row["succeeded"],
            failed: row["failed"],
            itemsPerSecond: row["itemsPerSecond"]
        )
    }

    var arguments: StatementArguments { [mapRunArn, t, running, succeeded, failed, itemsPerSecond] }
}
