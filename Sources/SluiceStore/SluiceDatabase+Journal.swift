import GRDB

extension SluiceDatabase {
    static func registerJournalMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-execution-journal") { db in
            try db.execute(
                sql: """
                    ALTER TABLE execution ADD COLUMN stateMachineName TEXT;
                    ALTER TABLE execution ADD COLUMN definition TEXT;
                    ALTER TABLE execution ADD COLUMN seed INTEGER;
                    ALTER TABLE execution ADD COLUMN startMillis INTEGER;
                    CREATE TABLE executionEvent (
                        executionArn TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        timestampMillis INTEGER NOT NULL,
                        event TEXT NOT NULL,
                        PRIMARY KEY (executionArn, sequence)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }

    static func registerCeilingMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-execution-distributed-ceiling") { db in
            try db.execute(sql: "ALTER TABLE execution ADD COLUMN distributedCeiling INTEGER")
        }
    }

    /// Records a starting execution with what it needs to resume (its definition, seed and exact start time), in one
    /// transaction with the hand-off that asked for it (`completing`, removed) and those its start routes to. An
    /// execution of that ARN already there is answered instead, and nothing else changes but the hand-off's removal.
    package func startExecution(
        _ resumable: ResumableExecution,
        completing handoff: Int64? = nil,
        handoffs: [Handoff] = []
    ) throws -> ExecutionStart {
        try writer.write { db in
            let record = resumable.record
            if let handoff { try db.execute(sql: "DELETE FROM handoff WHERE id = ?", arguments: [handoff]) }
            if let existing = try Row.fetchOne(
                db,
                sql: "SELECT \(ExecutionRecord.columns) FROM execution WHERE executionArn = ?",
                arguments: [record.executionArn]
            ) {
                return .exists(ExecutionRecord(row: existing))
            }
            try db.execute(
                sql: """
                    INSERT INTO execution (\(ExecutionRecord.columns), stateMachineName, definition, seed, startMillis,
                        distributedCeiling)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: record.arguments
                    + [
                        resumable.stateMachineName, resumable.definition, Int64(bitPattern: resumable.seed),
                        resumable.startMillis, resumable.distributedConcurrencyCeiling,
                    ]
            )
            return .started(try Self.insert(handoffs, db))
        }
    }

    /// Executions still RUNNING that carry what they need to resume, oldest first.
    package func resumableExecutions() throws -> [ResumableExecution] {
        try resumable(where: "status = 'RUNNING'", arguments: [])
    }

    /// One execution with what it needs to be rebuilt (RedriveExecution), if the store has that.
    package func resumableExecution(_ executionArn: String) throws -> ResumableExecution? {
        try resumable(where: "executionArn = ?", arguments: [executionArn]).first
    }

    private func resumable(where condition: String, arguments: StatementArguments) throws -> [ResumableExecution] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(ExecutionRecord.columns), stateMachineName, definition, seed, startMillis, distributedCeiling
                    FROM execution
                    WHERE \(condition) AND definition IS NOT NULL ORDER BY startDate
                    """,
                arguments: arguments
            ).map { row in
                ResumableExecution(
                    record: ExecutionRecord(row: row),
                    stateMachineName: row["stateMachineName"],
                    definition: row["definition"],
                    seed: UInt64(bitPattern: row["seed"] as Int64),
                    startMillis: row["startMillis"],
                    distributedConcurrencyCeiling: row["distributedCeiling"]
                )
            }
        }
    }

    /// Appends handled events, from any executions, and the Distributed Map children that ended, in one
    /// transaction (the journal's grouped write: one commit, not one per kind).
    package func appendJournal(_ events: [JournaledEvent], children: [ChildExecutionRow] = []) throws {
        guard !events.isEmpty || !children.isEmpty else { return }
        // Compressed before the transaction, not while holding sluice.db's write lock.
        let stored = events.map { journalCompression.stored($0.event) }
        try writer.write { db in
            try Self.insert(children, db)
            let statement = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO executionEvent (executionArn, sequence, timestampMillis, event)
                    VALUES (?, ?, ?, ?)
                    """
            )
            for (e, event) in zip(events, stored) {
                try statement.execute(arguments: [e.executionArn, e.sequence, e.timestampMillis, event])
            }
        }
    }

    /// An execution's journal, in order.
    package func journal(_ executionArn: String) throws -> [JournaledEvent] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sequence, timestampMillis, event FROM executionEvent WHERE executionArn = ?
                    ORDER BY sequence
                    """,
                arguments: [executionArn]
            ).map {
                let sequence: Int = $0["sequence"]
                return JournaledEvent(
                    executionArn: executionArn,
                    sequence: sequence,
                    timestampMillis: $0["timestampMillis"],
                    event: try JournalCompression.text($0["event"], executionArn: executionArn, sequence: sequence)
                )
            }
        }
    }
}
