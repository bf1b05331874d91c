import GRDB
import SluiceInterpreter
import SluiceVocabulary

extension SluiceDatabase {
    static func registerExecutionMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-create-execution") { db in
            try db.execute(
                sql: """
                    CREATE TABLE execution (
                        executionArn TEXT PRIMARY KEY NOT NULL,
                        stateMachineArn TEXT NOT NULL,
                        name TEXT NOT NULL,
                        status TEXT NOT NULL,
                        startDate REAL NOT NULL,
                        stopDate REAL,
                        input TEXT NOT NULL,
                        output TEXT,
                        error TEXT,
                        cause TEXT,
                        redriveCount INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX executionByStart ON execution (startDate);
                    CREATE TABLE historyEvent (
                        executionArn TEXT NOT NULL,
                        id INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        timestamp REAL NOT NULL,
                        document TEXT NOT NULL,
                        PRIMARY KEY (executionArn, id)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }

    /// Saves an execution's record (inserted at its start, replaced as it changes), any history events not saved
    /// yet and the hand-offs the change routes to, in one transaction; answers the hand-offs stored.
    @discardableResult
    package func saveExecution(
        _ record: ExecutionRecord,
        history: [StoredHistoryEvent] = [],
        handoffs: [Handoff] = []
    ) throws -> [Handoff] {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO execution (\(ExecutionRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (executionArn) DO UPDATE SET status = excluded.status, stopDate = excluded.stopDate,
                        output = excluded.output, error = excluded.error, cause = excluded.cause,
                        redriveCount = excluded.redriveCount
                    """,
                arguments: record.arguments
            )
            if record.status == .succeeded {
                // Ended for good: the history says everything the journal did. (An execution that failed, timed
                // out or was stopped keeps its journal: RedriveExecution rebuilds it from there.)
                try db.execute(
                    sql: "DELETE FROM executionEvent WHERE executionArn = ?",
                    arguments: [record.executionArn]
                )
            }
            for event in history {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO historyEvent (executionArn, id, type, timestamp, document)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [record.executionArn, event.id, event.type, event.timestamp, event.document]
                )
            }
            return try Self.insert(handoffs, db)
        }
    }

    /// Executions, newest first, optionally of one status and of one state machine (its ARN).
    package func executions(status: ExecutionStatus? = nil, stateMachineArn: String? = nil) throws -> [ExecutionRecord]
    {
        try writer.read { db in
            let (filter, arguments) = Self.executionFilter(status: status, stateMachineArn: stateMachineArn)
            return try Row.fetchAll(
                db,
                sql: "SELECT \(ExecutionRecord.columns) FROM execution \(filter) ORDER BY startDate DESC, executionArn",
                arguments: arguments
            ).map(ExecutionRecord.init(row:))
        }
    }

    /// The WHERE clause (empty without conditions) and its arguments for executions of a status and state machine.
    static func executionFilter(status: ExecutionStatus?, stateMachineArn: String?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if let stateMachineArn {
            conditions.append("stateMachineArn = ?")
            arguments += [stateMachineArn]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// One execution, if the store has it.
    package func execution(_ executionArn: String) throws -> ExecutionRecord? {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(ExecutionRecord.columns) FROM execution WHERE executionArn = ?",
                arguments: [executionArn]
            ).map(ExecutionRecord.init(row:))
        }
    }

    /// An execution's history, in event order.
    package func history(_ executionArn: String) throws -> [StoredHistoryEvent] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, type, timestamp, document FROM historyEvent WHERE executionArn = ? ORDER BY id",
                arguments: [executionArn]
            ).map {
                StoredHistoryEvent(id: $0["id"], type: $0["type"], timestamp: $0["timestamp"], document: $0["document"])
            }
        }
    }

    /// Executions left RUNNING by a previous sluiced, except those being resumed, end ABORTED at `date` with
    /// `cause`; answers their ARNs.
    package func abortRunningExecutions(at date: Double, cause: String, except resumed: Set<String>) throws -> [String]
    {
        try writer.write { db in
            let arns = try String.fetchAll(db, sql: "SELECT executionArn FROM execution WHERE status = 'RUNNING'")
                .filter { !resumed.contains($0) }
            for arn in arns {
                try db.execute(
                    sql: "UPDATE execution SET status = 'ABORTED', stopDate = ?, cause = ? WHERE executionArn = ?",
                    arguments: [date, cause, arn]
                )
                try db.execute(sql: "DELETE FROM executionEvent WHERE executionArn = ?", arguments: [arn])
            }
            return arns
        }
    }
}
