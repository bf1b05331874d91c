import GRDB

/// Commands that change what sluiced is doing reach it through the store, which both can open: the command
/// queues a request, sluiced takes it within a moment and writes the answer back. Nothing is lost if sluiced is
/// not running: the command withdraws what nobody took.
extension SluiceDatabase {
    static func registerControlMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-control-request") { db in
            try db.execute(
                sql: """
                    CREATE TABLE controlRequest (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        body TEXT NOT NULL,
                        taken INTEGER NOT NULL DEFAULT 0,
                        answer TEXT
                    );
                    """
            )
        }
    }

    /// Queues a request; its id is what to wait on.
    package func requestControl(kind: String, body: String) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO controlRequest (kind, body) VALUES (?, ?)", arguments: [kind, body])
            return db.lastInsertedRowID
        }
    }

    /// The answer to request `id` once sluiced has written it (the request is then removed); nil until then.
    package func takeControlAnswer(_ id: Int64) throws -> String? {
        try writer.write { db in
            guard
                let answer = try String.fetchOne(
                    db,
                    sql: "SELECT answer FROM controlRequest WHERE id = ?",
                    arguments: [id]
                )
            else { return nil }
            try db.execute(sql: "DELETE FROM controlRequest WHERE id = ?", arguments: [id])
            return answer
        }
    }

    /// Withdraws request `id` if sluiced has not taken it; false when it has (its answer is coming).
    package func withdrawControl(_ id: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM controlRequest WHERE id = ? AND taken = 0", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// sluiced's side: the requests not taken yet, oldest first, marked taken in the same transaction.
    package func takeControlRequests() throws -> [ControlRequest] {
        try writer.write { db in
            let requests = try Row.fetchAll(
                db,
                sql: "SELECT id, kind, body FROM controlRequest WHERE taken = 0 ORDER BY id"
            ).map { ControlRequest(id: $0["id"], kind: $0["kind"], body: $0["body"]) }
            if !requests.isEmpty { try db.execute(sql: "UPDATE controlRequest SET taken = 1 WHERE taken = 0") }
            return requests
        }
    }

    /// sluiced's answer to a request, as JSON text, with the hand-offs it promises (an execution to start) in the
    /// same transaction: an answer given is a promise kept after a crash. Answers the hand-offs stored.
    @discardableResult
    package func answerControl(_ id: Int64, answer: String, handoffs: [Handoff] = []) throws -> [Handoff] {
        try writer.write { db in
            try db.execute(sql: "UPDATE controlRequest SET answer = ? WHERE id = ?", arguments: [answer, id])
            return try Self.insert(handoffs, db)
        }
    }
}
