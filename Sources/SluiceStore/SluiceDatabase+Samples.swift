import GRDB

/// The dashboard's graphs: a sample per second of every busy function and running map run, and a row per minute
/// of every function (a week of a function is 10,080 minute rows, read for ranges over two hours). Kept for the
/// retention sluiced.json sets (`Dashboard.SampleRetentionDays`) and pruned a little at a time.
extension SluiceDatabase {
    static func registerSampleMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-telemetry-samples") { db in
            // The primary keys are the (series, t) indexes the graphs read and pruning deletes by (a few functions:
            // one range each); a map run's points are pruned by time, through their own index (many runs, few rows).
            try db.execute(
                sql: """
                    CREATE TABLE functionSample (
                        function TEXT NOT NULL,
                        t INTEGER NOT NULL,
                        concurrent INTEGER NOT NULL,
                        invocations INTEGER NOT NULL,
                        errors INTEGER NOT NULL,
                        throttles INTEGER NOT NULL,
                        durationP50 REAL,
                        durationP99 REAL,
                        PRIMARY KEY (function, t)
                    ) WITHOUT ROWID;
                    CREATE TABLE functionMinute (
                        function TEXT NOT NULL,
                        t INTEGER NOT NULL,
                        concurrent INTEGER NOT NULL,
                        invocations INTEGER NOT NULL,
                        errors INTEGER NOT NULL,
                        throttles INTEGER NOT NULL,
                        durationP50 REAL,
                        durationP99 REAL,
                        PRIMARY KEY (function, t)
                    ) WITHOUT ROWID;
                    CREATE TABLE mapRunSample (
                        mapRunArn TEXT NOT NULL,
                        t INTEGER NOT NULL,
                        running INTEGER NOT NULL,
                        succeeded INTEGER NOT NULL,
                        failed INTEGER NOT NULL,
                        itemsPerSecond REAL NOT NULL,
                        PRIMARY KEY (mapRunArn, t)
                    ) WITHOUT ROWID;
                    CREATE INDEX mapRunSampleByTime ON mapRunSample (t);
                    """
            )
        }
    }

    /// Writes one tick's samples in one transaction. A second written again (a restart within the same second)
    /// replaces its row; a minute row adds up.
    package func saveSamples(_ batch: SampleBatch) throws {
        guard !batch.isEmpty else { return }
        try writer.write { db in try Self.insert(batch, db) }
    }

    static func insert(_ batch: SampleBatch, _ db: Database) throws {
        let second = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO functionSample (\(FunctionSample.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for sample in batch.functions { try second.execute(arguments: sample.arguments) }
        let minute = try db.cachedStatement(
            sql: """
                INSERT INTO functionMinute (\(FunctionSample.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (function, t) DO UPDATE SET concurrent = max(concurrent, excluded.concurrent),
                    invocations = invocations + excluded.invocations, errors = errors + excluded.errors,
                    throttles = throttles + excluded.throttles,
                    durationP50 = coalesce(excluded.durationP50, durationP50),
                    durationP99 = coalesce(excluded.durationP99, durationP99)
                """
        )
        for sample in batch.minutes { try minute.execute(arguments: sample.arguments) }
        let run = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO mapRunSample (\(MapRunSample.columns)) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for sample in batch.mapRuns { try run.execute(arguments: sample.arguments) }
    }

    /// Function `function`'s samples with `from <= t <= to`, oldest first: per second (`step` 1) or per minute
    /// (`step` 60, each row a minute's peak concurrency, summed counts and percentiles).
    package func functionSamples(function: String, from: Int, to: Int, step: Int) throws -> [FunctionSample] {
        let table = step >= 60 ? "functionMinute" : "functionSample"
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(FunctionSample.columns) FROM \(table) WHERE function = ? AND t >= ? AND t <= ?
                    ORDER BY t
                    """,
                arguments: [function, from, to]
            ).map(FunctionSample.init(row:))
        }
    }

    /// Every function's per-second samples with `from <= t <= to`, by function, each oldest first (the overview's
    /// last minutes; a map run's time span). One range of the primary key per function.
    package func functionSamples(from: Int, to: Int) throws -> [String: [FunctionSample]] {
        try writer.read { db in
            var samples: [String: [FunctionSample]] = [:]
            for function in try Self.sampledFunctions(db) {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(FunctionSample.columns) FROM functionSample WHERE function = ? AND t >= ? AND t <= ?
                        ORDER BY t
                        """,
                    arguments: [function, from, to]
                )
                if !rows.isEmpty { samples[function] = rows.map(FunctionSample.init(row:)) }
            }
            return samples
        }
    }

    /// The functions with samples, in either table: a skip-scan of each primary key, one seek per function rather
    /// than a read of every row.
    private static func sampledFunctions(_ db: Database) throws -> [String] {
        var functions: Set<String> = []
        for table in ["functionSample", "functionMinute"] {
            var next = try String.fetchOne(db, sql: "SELECT min(function) FROM \(table)")
            while let function = next {
                functions.insert(function)
                next = try String.fetchOne(
                    db,
                    sql: "SELECT min(function) FROM \(table) WHERE function > ?",
                    arguments: [function]
                )
            }
        }
        return functions.sorted()
    }

    /// A map run's samples, oldest first.
    package func mapRunSamples(mapRunArn: String) throws -> [MapRunSample] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(MapRunSample.columns) FROM mapRunSample WHERE mapRunArn = ? ORDER BY t",
                arguments: [mapRunArn]
            ).map(MapRunSample.init(row:))
        }
    }

    /// Deletes at most `limit` rows per function and table, and `limit` map-run points, older than `before` (Unix
    /// seconds), in one short transaction; answers how many went (fewer than `limit`: done for now).
    @discardableResult
    package func pruneSamples(before: Int, limit: Int) throws -> Int {
        try writer.write { db in
            var most = 0
            for function in try Self.sampledFunctions(db) {
                for table in ["functionSample", "functionMinute"] {
                    try db.execute(
                        sql: """
                            DELETE FROM \(table) WHERE function = ? AND t IN (
                                SELECT t FROM \(table) WHERE function = ? AND t < ? ORDER BY t LIMIT ?)
                            """,
                        arguments: [function, function, before, limit]
                    )
                    most = max(most, db.changesCount)
                }
            }
            try db.execute(
                sql: """
                    DELETE FROM mapRunSample WHERE (mapRunArn, t) IN (
                        SELECT mapRunArn, t FROM mapRunSample INDEXED BY mapRunSampleByTime WHERE t < ? LIMIT ?)
                    """,
                arguments: [before, limit]
            )
            return max(most, db.changesCount)
        }
    }
}
