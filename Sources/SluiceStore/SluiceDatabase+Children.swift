import GRDB
import SluiceVocabulary

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

    /// The compact child table (issue 19's million children): a map run's ARNs are kept once, in
    /// `childExecutionRun`, and each child row holds its name, status and dates only (~80 bytes, not ~550). Its key
    /// is (run, startDate, name), so children land at the end of the table in the order they start, touching a few
    /// pages a group instead of one random page a child (the old ARN key), and a map run's children come back
    /// already in the order ListExecutions gives them. Old rows are moved over; the ARNs read back are the same.
    /// Registered after every other migration, so it runs after `registerChildMigrations` on any store.
    static func registerCompactChildMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-child-execution-compact") { db in
            try db.execute(
                sql: """
                    CREATE TABLE childExecutionRun (
                        id INTEGER PRIMARY KEY,
                        mapRunArn TEXT NOT NULL,
                        executionArnPrefix TEXT NOT NULL,
                        stateMachineArn TEXT NOT NULL,
                        UNIQUE (mapRunArn, executionArnPrefix, stateMachineArn)
                    );
                    CREATE TABLE childExecutionCompact (
                        run INTEGER NOT NULL,
                        startDate REAL NOT NULL,
                        name TEXT NOT NULL,
                        status TEXT NOT NULL,
                        stopDate REAL NOT NULL,
                        error TEXT,
                        cause TEXT,
                        redriveCount INTEGER NOT NULL,
                        PRIMARY KEY (run, startDate, name)
                    ) WITHOUT ROWID;
                    INSERT OR IGNORE INTO childExecutionRun (mapRunArn, executionArnPrefix, stateMachineArn)
                        SELECT mapRunArn, substr(executionArn, 1, length(executionArn) - length(name)), stateMachineArn
                        FROM childExecution ORDER BY rowid;
                    INSERT OR REPLACE INTO childExecutionCompact
                        SELECT r.id, c.startDate, c.name, c.status, c.stopDate, c.error, c.cause, c.redriveCount
                        FROM childExecution c JOIN childExecutionRun r
                          ON r.mapRunArn = c.mapRunArn AND r.stateMachineArn = c.stateMachineArn
                          AND r.executionArnPrefix = substr(c.executionArn, 1, length(c.executionArn) - length(c.name));
                    DROP TABLE childExecution;
                    ALTER TABLE childExecutionCompact RENAME TO childExecution;
                    """
            )
        }
    }

    /// Saves ended child executions (with the journal's grouped write); a child seen again (a replay, which hands
    /// it the same start date) is replaced. A child's ARN is its run's prefix followed by its name, as
    /// `Execution.childRecord` makes it.
    static func insert(_ rows: [ChildExecutionRow], _ db: Database) throws {
        guard !rows.isEmpty else { return }
        let insert = try ChildRowInsert(db)
        // A group's rows are almost all of one map run: its key is looked up once.
        var last: (row: ChildExecutionRow, run: Int64)?
        for row in rows {
            let run: Int64
            if let last, last.row.sameRun(as: row) {
                run = last.run
            } else {
                run = try runID(row, db)
                last = (row, run)
            }
            try insert.insert(row, run: run)
        }
    }

    /// The key of a child's map run (its ARNs), added the first time it is seen.
    private static func runID(_ row: ChildExecutionRow, _ db: Database) throws -> Int64 {
        let arguments: StatementArguments = [row.mapRunArn, String(row.executionArnPrefix), row.stateMachineArn]
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO childExecutionRun (mapRunArn, executionArnPrefix, stateMachineArn)
                VALUES (?, ?, ?)
                """
        ).execute(arguments: arguments)
        let id = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id FROM childExecutionRun
                    WHERE mapRunArn = ? AND executionArnPrefix = ? AND stateMachineArn = ?
                    """
            ),
            arguments: arguments
        )
        guard let id else { throw DatabaseError(message: "childExecutionRun: no key for \(row.mapRunArn)") }
        return id
    }

    /// The columns of `ChildExecutionRow`, read from a child (`c`) joined to its run (`r`). The runs come first
    /// (CROSS JOIN keeps SQLite to that order): a few rows, each leading to its children by the key's prefix.
    static let childColumns = """
        r.executionArnPrefix || c.name AS executionArn, r.mapRunArn, c.name, r.stateMachineArn, c.status,
        c.startDate, c.stopDate, c.error, c.cause, c.redriveCount
        """

    /// A map run's ended children, in the order they started.
    package func childExecutions(mapRunArn: String) throws -> [ChildExecutionRow] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.childColumns) FROM childExecutionRun r CROSS JOIN childExecution c ON c.run = r.id
                    WHERE r.mapRunArn = ? ORDER BY c.startDate, executionArn
                    """,
                arguments: [mapRunArn]
            ).map(ChildExecutionRow.init(row:))
        }
    }

    /// One child execution, if the store has it: its run found by the ARN's prefix (a few rows), then the child by
    /// name among that run's children (a scan of that run: DescribeExecution of a child is rare, its insert is not).
    package func childExecution(_ executionArn: String) throws -> ChildExecutionRow? {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.childColumns) FROM childExecutionRun r CROSS JOIN childExecution c ON c.run = r.id
                    WHERE r.executionArnPrefix = substr(?1, 1, length(r.executionArnPrefix))
                      AND c.name = substr(?1, length(r.executionArnPrefix) + 1)
                    LIMIT 1
                    """,
                arguments: [executionArn]
            ).map(ChildExecutionRow.init(row:))
        }
    }
}
