import Foundation
import GRDB

/// sluice.db: the daemon's memory across restarts (SQLite in WAL mode, through GRDB).
///
/// So far it keeps the bucket objects already reported (catch-up after a restart reports only what changed), the
/// last event sequencer (sequencers keep increasing across restarts) and where every topic delivery stands
/// (undelivered messages are delivered after a restart, with the same MessageId). Executions, history and map
/// runs come next.
public final class SluiceDatabase: Sendable {
    private let writer: DatabasePool

    /// Opens (creating on first start) and migrates the store. A store that cannot be opened is an error the
    /// daemon stops on: it is never silently recreated empty.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "sluice.db"
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(writer)
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
        return migrator
    }

    // MARK: - Objects

    /// Every object reported so far.
    public func objects() throws -> [StoredObject] {
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

    /// Records that an object was reported (created or changed) or deleted, with the sequencer it got, in one
    /// transaction.
    public func record(object: StoredObject, deleted: Bool, sequencer: String) throws {
        try writer.write { db in
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
            try db.execute(
                sql:
                    "INSERT INTO setting (name, value) VALUES ('sequencer', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                arguments: [sequencer]
            )
        }
    }

    /// The last sequencer issued by a previous run.
    public func lastSequencer() throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'sequencer'") }
    }

    // MARK: - Deliveries

    /// Every delivery record as saved (JSON documents of SluiceTopics' DeliveryState entries).
    public func deliveries() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT record FROM delivery ORDER BY messageId") }
    }

    /// Saves (or, with nil, forgets) one delivery's record.
    public func saveDelivery(messageId: String, subscription: String, record: String?) throws {
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
}

/// A bucket object as the store remembers it: enough to tell whether it changed while sluiced was down.
public struct StoredObject: Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var size: Int
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    public init(bucket: String, key: String, size: Int, modifiedNanoseconds: Int64, inode: UInt64) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }
}
