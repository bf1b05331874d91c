import GRDB

/// What `sluice status` reads: sluiced's own report (written every few seconds while it runs) and counts over the
/// tables.
extension SluiceDatabase {
    /// Saves sluiced's report (JSON text) under the setting `daemon`.
    package func saveDaemonReport(_ report: String) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO setting (name, value) VALUES ('daemon', ?)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """,
                arguments: [report]
            )
        }
    }

    /// sluiced's last report, if it ever wrote one.
    package func daemonReport() throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'daemon'") }
    }

    /// How many executions have each status.
    package func executionCounts() throws -> [String: Int] {
        try writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM execution GROUP BY status") {
                counts[row["status"]] = row["n"]
            }
            return counts
        }
    }

    /// Deliveries still to be made (pending or retrying).
    package func pendingDeliveryCount() throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: #"SELECT COUNT(*) FROM delivery WHERE record LIKE '%"Status":"PENDING"%'"#) ?? 0
        }
    }

    /// Hand-offs recorded and not yet done (executions to start, messages to publish or deliver).
    package func pendingHandoffCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM handoff") ?? 0 }
    }
}
