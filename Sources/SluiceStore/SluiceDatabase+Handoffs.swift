import GRDB

/// The outbox: hand-offs recorded with what they follow from, carried on until done (Handoff).
extension SluiceDatabase {
    static func registerHandoffMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-create-handoff") { db in
            try db.execute(
                sql: """
                    CREATE TABLE handoff (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        dueMillis INTEGER NOT NULL DEFAULT 0,
                        createdMillis INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX handoffBySubject ON handoff (kind, subject);
                    """
            )
        }
    }

    /// Stores hand-offs inside a transaction; answers those stored, with their ids. One whose kind and subject are
    /// already waiting is that one (a step run again after a restart), and is left out.
    static func insert(_ handoffs: [Handoff], _ db: Database) throws -> [Handoff] {
        guard !handoffs.isEmpty else { return [] }
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO handoff (kind, subject, body, attempts, dueMillis, createdMillis)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        )
        var stored: [Handoff] = []
        for var handoff in handoffs {
            try statement.execute(arguments: [
                handoff.kind.rawValue, handoff.subject, handoff.body, handoff.attempts, handoff.dueMillis,
                handoff.createdMillis,
            ])
            guard db.changesCount > 0 else { continue }
            handoff.id = db.lastInsertedRowID
            stored.append(handoff)
        }
        return stored
    }

    /// Records hand-offs on their own (what they follow from is recorded already, or happens again on a replay).
    package func handOff(_ handoffs: [Handoff]) throws -> [Handoff] {
        guard !handoffs.isEmpty else { return [] }
        return try writer.write { db in try Self.insert(handoffs, db) }
    }

    /// Every hand-off not done yet, oldest first (what a restarted sluiced carries on).
    package func pendingHandoffs() throws -> [Handoff] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, kind, subject, body, attempts, dueMillis, createdMillis FROM handoff ORDER BY id"
            ).compactMap(Self.handoff(row:))
        }
    }

    /// The waiting hand-offs recorded after hand-off `id`, oldest first.
    package func handoffs(after id: Int64) throws -> [Handoff] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, subject, body, attempts, dueMillis, createdMillis FROM handoff
                    WHERE id > ? ORDER BY id
                    """,
                arguments: [id]
            ).compactMap(Self.handoff(row:))
        }
    }

    /// The waiting hand-off of this kind and subject, if there is one.
    package func pendingHandoff(kind: Handoff.Kind, subject: String) throws -> Handoff? {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, kind, subject, body, attempts, dueMillis, createdMillis FROM handoff
                    WHERE kind = ? AND subject = ?
                    """,
                arguments: [kind.rawValue, subject]
            ).flatMap(Self.handoff(row:))
        }
    }

    /// A hand-off is done (or given up): it leaves the outbox.
    package func completeHandoff(_ id: Int64) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM handoff WHERE id = ?", arguments: [id]) }
    }

    /// A try failed and another follows at `dueMillis`.
    package func postponeHandoff(_ id: Int64, attempts: Int, dueMillis: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE handoff SET attempts = ?, dueMillis = ? WHERE id = ?",
                arguments: [attempts, dueMillis, id]
            )
        }
    }

    private static func handoff(row: Row) -> Handoff? {
        guard let kind = Handoff.Kind(rawValue: row["kind"]) else { return nil }
        return Handoff(
            id: row["id"],
            kind: kind,
            subject: row["subject"],
            body: row["body"],
            attempts: row["attempts"],
            dueMillis: row["dueMillis"],
            createdMillis: row["createdMillis"]
        )
    }
}
