import Foundation
import GRDB
import SluiceInterpreter

/// sluice.db: the daemon's memory across restarts (SQLite in WAL mode, through GRDB).
///
/// So far it keeps the bucket objects already reported (catch-up after a restart reports only what changed), the
/// last event sequencer (sequencers keep increasing across restarts) and where every topic delivery stands
/// (undelivered messages are delivered after a restart, with the same MessageId) and every Distributed Map run with
/// its latest counters (`sluice map-runs`), and every execution with its history (`sluice executions`).
package final class SluiceDatabase: Sendable {
    let writer: any DatabaseWriter
    /// How large journal events are kept (compressed; see JournalCompression).
    let journalCompression = JournalCompression()

    /// Opens (creating on first start) and migrates the store. A store that cannot be opened is an error the
    /// daemon stops on: it is never silently recreated empty.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "sluice.db"
        // 16 KiB pages for a new store (an existing one keeps its own): a batch's journal entry holds its results
        // (~20 KB for 500 rows), and with 4 KiB pages each went into WAL frames, checkpoints and, once the execution
        // succeeded, the journal's DELETE four pages at a time; it was a sixth of sluiced's time in the 227,000-row
        // run, a tenth now. 64 KiB made the small commits (hand-offs, map run counters) cost more than it saved.
        // Set before GRDB turns WAL on, the one moment SQLite takes it.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(writer)
        // The write lock, taken once: in WAL mode another process's exclusive transaction lets a migrated store be
        // opened and read, so without this sluiced would start, then fail every write with "database is locked".
        try writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE; COMMIT") }
    }

    /// Opens an existing store only to read it (the `sluice` commands), never creating or migrating it, so it
    /// works beside a running sluiced and for users who may read but not write sluice.db.
    package init(readingAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreMissing(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.label = "sluice.db (read-only)"
        writer = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Migrations are never edited once shipped; a change is a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-create-object-state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE objectState (
                        bucket TEXT NOT NULL,
                        key TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        modifiedNanoseconds INTEGER NOT NULL,
                        inode INTEGER NOT NULL,
                        PRIMARY KEY (bucket, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE setting (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE delivery (
                        messageId TEXT NOT NULL,
                        subscription TEXT NOT NULL,
                        record TEXT NOT NULL,
                        PRIMARY KEY (messageId, subscription)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("2026-11-create-map-run") { db in
            try db.execute(
                sql: """
                    CREATE TABLE mapRun (
                        mapRunArn TEXT PRIMARY KEY NOT NULL,
                        executionArn TEXT NOT NULL,
                        status TEXT NOT NULL,
                        startDate REAL NOT NULL,
                        stopDate REAL,
                        maxConcurrency INTEGER NOT NULL,
                        toleratedFailureCount INTEGER,
                        toleratedFailurePercentage REAL,
                        itemsRead INTEGER NOT NULL,
                        itemsPending INTEGER NOT NULL,
                        itemsSucceeded INTEGER NOT NULL,
                        itemsFailed INTEGER NOT NULL,
                        totalKnown INTEGER NOT NULL,
                        childrenRunning INTEGER NOT NULL,
                        childrenSucceeded INTEGER NOT NULL,
                        childrenFailed INTEGER NOT NULL,
                        updateDate REAL NOT NULL
                    );
                    CREATE INDEX mapRunByExecution ON mapRun (executionArn);
                    """
            )
        }
        migrator.registerMigration("2026-11-create-map-run-update") { db in
            try db.execute(
                sql: """
                    CREATE TABLE mapRunUpdate (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        mapRunArn TEXT NOT NULL,
                        maxConcurrency INTEGER,
                        toleratedFailureCount INTEGER,
                        toleratedFailurePercentage REAL
                    );
                    """
            )
        }
        migrator.registerMigration("2026-11-add-map-run-aborted") { db in
            try db.execute(
                sql: """
                    ALTER TABLE mapRun ADD COLUMN childrenAborted INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE mapRun ADD COLUMN itemsAborted INTEGER NOT NULL DEFAULT 0;
                    """
            )
        }
        registerExecutionMigrations(&migrator)
        registerJournalMigrations(&migrator)
        registerControlMigrations(&migrator)
        registerHandoffMigrations(&migrator)
        registerChildMigrations(&migrator)
        registerSampleMigrations(&migrator)
        // Last: a store made before it has every earlier one applied.
        registerCeilingMigration(&migrator)
        registerCompactChildMigration(&migrator)
        return migrator
    }

    // MARK: - Objects

    /// Every object reported so far.
    package func objects() throws -> [StoredObject] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT bucket, key, size, modifiedNanoseconds, inode FROM objectState").map {
                StoredObject(
                    bucket: $0["bucket"],
                    key: $0["key"],
                    size: $0["size"],
                    modifiedNanoseconds: $0["modifiedNanoseconds"],
                    inode: UInt64(bitPattern: $0["inode"] as Int64)
                )
            }
        }
    }

    /// Records that an object was reported (created or changed) or deleted, with the sequencer it got and the
    /// hand-offs its event routes to, in one transaction: an object counts as reported only with what follows from
    /// it recorded. Answers the hand-offs stored.
    @discardableResult
    package func record(
        object: StoredObject?,
        deleted: Bool,
        sequencer: String,
        handoffs: [Handoff] = []
    ) throws -> [Handoff] {
        try writer.write { db in
            guard let object else {
                try Self.saveSequencer(sequencer, db)
                return try Self.insert(handoffs, db)
            }
            if deleted {
                try db.execute(
                    sql: "DELETE FROM objectState WHERE bucket = ? AND key = ?",
                    arguments: [object.bucket, object.key]
                )
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO objectState (bucket, key, size, modifiedNanoseconds, inode) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (bucket, key) DO UPDATE SET size = excluded.size,
                            modifiedNanoseconds = excluded.modifiedNanoseconds, inode = excluded.inode
                        """,
                    arguments: [
                        object.bucket, object.key, object.size, object.modifiedNanoseconds,
                        Int64(bitPattern: object.inode),
                    ]
                )
            }
            try Self.saveSequencer(sequencer, db)
            return try Self.insert(handoffs, db)
        }
    }

    private static func saveSequencer(_ sequencer: String, _ db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO setting (name, value) VALUES ('sequencer', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            arguments: [sequencer]
        )
    }

    /// The last sequencer issued by a previous run.
    package func lastSequencer() throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'sequencer'") }
    }

    // MARK: - Deliveries

    /// Every delivery record as saved (JSON documents of SluiceTopics' DeliveryState entries).
    package func deliveries() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT record FROM delivery ORDER BY messageId") }
    }

    /// Saves (or, with nil, forgets) one delivery's record.
    package func saveDelivery(messageId: String, subscription: String, record: String?) throws {
        try writer.write { db in
            if let record {
                try db.execute(
                    sql: """
                        INSERT INTO delivery (messageId, subscription, record) VALUES (?, ?, ?)
                        ON CONFLICT (messageId, subscription) DO UPDATE SET record = excluded.record
                        """,
                    arguments: [messageId, subscription, record]
                )
            } else {
                try db.execute(
                    sql: "DELETE FROM delivery WHERE messageId = ? AND subscription = ?",
                    arguments: [messageId, subscription]
                )
            }
        }
    }

    // MARK: - Map runs

    static let mapRunColumns = """
        mapRunArn, executionArn, status, startDate, stopDate, maxConcurrency, toleratedFailureCount,
        toleratedFailurePercentage, itemsRead, itemsPending, itemsSucceeded, itemsFailed, totalKnown,
        childrenRunning, childrenSucceeded, childrenFailed, childrenAborted, itemsAborted, updateDate
        """

    /// Saves the latest state of some map runs, in one transaction. A run's start date is the one first saved.
    package func saveMapRuns(_ runs: [MapRunRecord]) throws {
        try writer.write { db in
            for run in runs {
                try db.execute(
                    sql: """
                        INSERT INTO mapRun (\(Self.mapRunColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (mapRunArn) DO UPDATE SET status = excluded.status, stopDate = excluded.stopDate,
                            maxConcurrency = excluded.maxConcurrency,
                            toleratedFailureCount = excluded.toleratedFailureCount,
                            toleratedFailurePercentage = excluded.toleratedFailurePercentage,
                            itemsRead = excluded.itemsRead, itemsPending = excluded.itemsPending,
                            itemsSucceeded = excluded.itemsSucceeded, itemsFailed = excluded.itemsFailed,
                            totalKnown = excluded.totalKnown, childrenRunning = excluded.childrenRunning,
                            childrenSucceeded = excluded.childrenSucceeded, childrenFailed = excluded.childrenFailed,
                            childrenAborted = excluded.childrenAborted, itemsAborted = excluded.itemsAborted,
                            updateDate = excluded.updateDate
                        """,
                    arguments: [
                        run.mapRunArn, run.executionArn, run.status.rawValue, run.startDate, run.stopDate,
                        run.maxConcurrency,
                        run.toleratedFailureCount, run.toleratedFailurePercentage, run.itemsRead, run.itemsPending,
                        run.itemsSucceeded, run.itemsFailed, run.totalKnown, run.childrenRunning, run.childrenSucceeded,
                        run.childrenFailed, run.childrenAborted, run.itemsAborted, run.updateDate,
                    ]
                )
            }
        }
    }

    /// Map runs, newest first; only those of `executionArn` when given.
    package func mapRuns(executionArn: String? = nil) throws -> [MapRunRecord] {
        try writer.read { db in
            let filter = executionArn == nil ? "" : "WHERE executionArn = ?"
            return try Row.fetchAll(
                db,
                sql: "SELECT \(Self.mapRunColumns) FROM mapRun \(filter) ORDER BY startDate DESC, mapRunArn",
                arguments: executionArn.map { [$0] } ?? []
            ).map(MapRunRecord.init(row:))
        }
    }

    /// One map run, if the store has it.
    package func mapRun(_ mapRunArn: String) throws -> MapRunRecord? {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Self.mapRunColumns) FROM mapRun WHERE mapRunArn = ?",
                arguments: [mapRunArn]
            ).map(MapRunRecord.init(row:))
        }
    }

    /// Map runs left RUNNING by a previous sluiced end ABORTED at `date`, except those of executions being
    /// resumed (they carry on): their execution did not survive it.
    @discardableResult
    package func abortRunningMapRuns(at date: Double, except resumed: Set<String> = []) throws -> Int {
        try writer.write { db in
            let arns = try Row.fetchAll(db, sql: "SELECT mapRunArn, executionArn FROM mapRun WHERE status = 'RUNNING'")
                .filter { !resumed.contains($0["executionArn"] as String) }.map { $0["mapRunArn"] as String }
            for arn in arns {
                try db.execute(
                    sql: """
                        UPDATE mapRun SET status = 'ABORTED', stopDate = ?, childrenAborted = childrenAborted + childrenRunning,
                            childrenRunning = 0, itemsAborted = itemsRead - itemsSucceeded - itemsFailed, itemsPending = 0,
                            updateDate = ?
                        WHERE mapRunArn = ?
                        """,
                    arguments: [date, date, arn]
                )
            }
            return arns.count
        }
    }

    // MARK: - Map run updates

    /// Queues an UpdateMapRun for the daemon; its id tells when it has been taken.
    package func requestMapRunUpdate(_ update: MapRunUpdate) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO mapRunUpdate (mapRunArn, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [
                    update.mapRunArn, update.maxConcurrency, update.toleratedFailureCount,
                    update.toleratedFailurePercentage,
                ]
            )
            return db.lastInsertedRowID
        }
    }

    /// Whether the update `id` is still waiting for the daemon.
    package func mapRunUpdatePending(_ id: Int64) throws -> Bool {
        try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mapRunUpdate WHERE id = ?)", arguments: [id])
                ?? false
        }
    }

    /// Withdraws an update nobody took.
    package func withdrawMapRunUpdate(_ id: Int64) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM mapRunUpdate WHERE id = ?", arguments: [id]) }
    }

    /// The daemon's side: every waiting update, oldest first, removed in the same transaction.
    package func takeMapRunUpdates() throws -> [MapRunUpdate] {
        try writer.write { db in
            let updates = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, mapRunArn, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage
                    FROM mapRunUpdate ORDER BY id
                    """
            ).map {
                MapRunUpdate(
                    id: $0["id"],
                    mapRunArn: $0["mapRunArn"],
                    maxConcurrency: $0["maxConcurrency"],
                    toleratedFailureCount: $0["toleratedFailureCount"],
                    toleratedFailurePercentage: $0["toleratedFailurePercentage"]
                )
            }
            if !updates.isEmpty { try db.execute(sql: "DELETE FROM mapRunUpdate") }
            return updates
        }
    }
}
