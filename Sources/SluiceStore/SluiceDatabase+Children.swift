import GRDB

extension SluiceDatabase {
    static func registerChildMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-create-child-execution") { db in
            try db.execute(
                sql: """
                    CREATE TABLE childExecution (
                        executionArn TEXT PRIMARY KEY NOT NULL,
                        mapRunArn TEXT NOT NULL,
                        name TEXT NOT NULL,
                        stateMachineArn TEXT NOT NULL,
                        status TEXT NOT NULL,
                        startDate REAL NOT NULL,
                        stopDate REAL NOT NULL,
                        error TEXT,
                        cause TEXT,
                        redriveCount INTEGER NOT NULL
                    );
                    CREATE INDEX childExecutionByMapRun ON childExecution (mapRunArn, startDate);
                    """
            )
        }
    }

    /// Saves ended child executions (with the journal's grouped write); a child seen again (a replay, a redrive)
    /// is replaced.
    static func insert(_ rows: [ChildExecutionRow], _ db: Database) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql:
                "INSERT OR REPLACE INTO childExecution (\(ChildExecutionRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for row in rows { try statement.execute(arguments: row.arguments) }
    }

    /// A map run's ended children, in the order they started.
    package func childExecutions(mapRunArn: String) throws -> [ChildExecutionRow] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT \(ChildExecutionRow.columns) FROM childExecution WHERE mapRunArn = ? ORDER BY startDate, executionArn",
                arguments: [mapRunArn]
            ).map(ChildExecutionRow.init(row:))
        }
    }

    /// One child execution, if the store has it.
    package func childExecution(_ executionArn: String) throws -> ChildExecutionRow? {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(ChildExecutionRow.columns) FROM childExecution WHERE executionArn = ?",
                arguments: [executionArn]
            ).map(ChildExecutionRow.init(row:))
        }
    }
}
