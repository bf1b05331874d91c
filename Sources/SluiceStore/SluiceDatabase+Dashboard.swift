import GRDB
import SluiceInterpreter
import SluiceVocabulary

/// What the dashboard's pages read: pages of executions and map runs rather than all of them, so that a store
/// holding a week of runs still answers in a few milliseconds.
extension SluiceDatabase {
    /// Executions newest first, `limit` of them after skipping `offset`, optionally of one status and one state
    /// machine.
    package func latestExecutions(
        status: ExecutionStatus? = nil,
        stateMachineArn: String? = nil,
        limit: Int,
        offset: Int = 0
    ) throws -> [ExecutionRecord] {
        try writer.read { db in
            var (filter, arguments) = Self.executionFilter(status: status, stateMachineArn: stateMachineArn)
            arguments += [limit, offset]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(ExecutionRecord.columns) FROM execution \(filter)
                    ORDER BY startDate DESC, executionArn LIMIT ? OFFSET ?
                    """,
                arguments: arguments
            ).map(ExecutionRecord.init(row:))
        }
    }

    /// The executions that ended FAILED, TIMED_OUT or ABORTED most recently.
    package func latestFailures(limit: Int) throws -> [ExecutionRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(ExecutionRecord.columns) FROM execution
                    WHERE status IN ('FAILED', 'TIMED_OUT', 'ABORTED')
                    ORDER BY stopDate DESC, executionArn LIMIT ?
                    """,
                arguments: [limit]
            ).map(ExecutionRecord.init(row:))
        }
    }

    /// Every running map run, then the `ended` that started most recently.
    package func dashboardMapRuns(ended: Int) throws -> [MapRunRecord] {
        try writer.read { db in
            let running = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.mapRunColumns) FROM mapRun WHERE status = 'RUNNING' ORDER BY startDate DESC"
            )
            let recent = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.mapRunColumns) FROM mapRun WHERE status <> 'RUNNING'
                    ORDER BY startDate DESC, mapRunArn LIMIT ?
                    """,
                arguments: [ended]
            )
            return (running + recent).map(MapRunRecord.init(row:))
        }
    }

    /// An execution's first `limit` history events, in order.
    package func history(_ executionArn: String, limit: Int) throws -> [StoredHistoryEvent] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, type, timestamp, document FROM historyEvent WHERE executionArn = ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [executionArn, limit]
            ).map {
                StoredHistoryEvent(id: $0["id"], type: $0["type"], timestamp: $0["timestamp"], document: $0["document"])
            }
        }
    }

    /// A map run's children that did not succeed, the first `limit` in the order they started.
    package func failedChildExecutions(mapRunArn: String, limit: Int) throws -> [ChildExecutionRow] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.childColumns) FROM childExecutionRun r CROSS JOIN childExecution c ON c.run = r.id
                    WHERE r.mapRunArn = ? AND c.status <> 'SUCCEEDED' ORDER BY c.startDate, executionArn LIMIT ?
                    """,
                arguments: [mapRunArn, limit]
            ).map(ChildExecutionRow.init(row:))
        }
    }
}
