import GRDB

extension SluiceDatabase {
    /// Drops the journals of unsuccessful executions that stopped before `cutoff` (Unix seconds): past the redrive
    /// window they can no longer be redriven, and a journal is the biggest thing an execution leaves in sluice.db.
    /// Their records and histories stay (DescribeExecution and GetExecutionHistory still answer). At most `limit`
    /// executions a call, so that a first pass over a large store does not hold the writer long; answers how many.
    package func expireJournals(stoppedBefore cutoff: Double, limit: Int = 500) throws -> Int {
        try writer.write { db in
            let arns = try String.fetchAll(
                db,
                sql: """
                    SELECT executionArn FROM execution
                    WHERE status IN ('FAILED', 'TIMED_OUT', 'ABORTED') AND stopDate < ?
                      AND EXISTS (SELECT 1 FROM executionEvent e WHERE e.executionArn = execution.executionArn)
                    LIMIT ?
                    """,
                arguments: [cutoff, limit]
            )
            for arn in arns {
                try db.execute(sql: "DELETE FROM executionEvent WHERE executionArn = ?", arguments: [arn])
            }
            return arns.count
        }
    }
}
