import Foundation
import GRDB
import SluiceJSON
import SluiceVocabulary
import Testing

@testable import SluiceStore

/// A Distributed Map's children in sluice.db: kept compact (the run's ARNs once, each child's name), read back with
/// the same ARNs, replaced when seen again, and moved over from the table of full rows a store made before.
struct ChildExecutionStoreTests {
    let path = NSTemporaryDirectory() + "sluice-store-" + UUID().uuidString + "/sluice.db"
    static let mapRunArn = "arn:aws:states:local:000000000000:mapRun:million/Map:run-1"
    static let prefix = "arn:aws:states:local:000000000000"

    func row(_ name: String, start: Int64, status: ExecutionStatus = .succeeded, run: String = mapRunArn)
        -> ChildExecutionRow
    {
        var record = ChildExecutionRecord(
            executionArn: "\(Self.prefix):execution:million/Map:\(name)",
            name: name,
            stateMachineArn: "\(Self.prefix):stateMachine:million/Map",
            input: .null,
            output: nil,
            error: status == .failed ? "Boom" : nil,
            cause: status == .failed ? "it broke" : nil,
            status: status,
            startDate: Timestamp(epochMilliseconds: start),
            stopDate: Timestamp(epochMilliseconds: start + 5),
            itemCount: 1
        )
        record.redriveCount = status == .failed ? 1 : 0
        return ChildExecutionRow(mapRunArn: run, record: record)
    }

    @Test("Children read back with their ARNs, in the order they started; one seen again is replaced")
    func roundTrip() throws {
        let db = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let other = "arn:aws:states:local:000000000000:mapRun:million/Map:run-2"
        let rows = [
            row("c-2", start: 2_000), row("c-1", start: 1_000), row("c-3", start: 3_000, status: .failed),
            row("d-1", start: 1_500, run: other),
        ]
        try db.appendJournal([], children: rows)
        try db.appendJournal([], children: [row("c-1", start: 1_000)])

        let children = try db.childExecutions(mapRunArn: Self.mapRunArn)
        #expect(children == [rows[1], rows[0], rows[2]])
        #expect(try db.childExecutions(mapRunArn: other) == [rows[3]])
        #expect(try db.childExecution(rows[2].executionArn) == rows[2])
        #expect(try db.childExecution(rows[2].executionArn + "x") == nil)
        #expect(try db.childExecution("\(Self.prefix):execution:million:c-1") == nil)
        #expect(try db.failedChildExecutions(mapRunArn: Self.mapRunArn, limit: 10) == [rows[2]])

        // An empty cause stays empty, not NULL; no error stays NULL.
        var empty = row("c-4", start: 4_000, status: .failed)
        empty.cause = ""
        empty.error = nil
        try db.appendJournal([], children: [empty])
        #expect(try db.childExecution(empty.executionArn) == empty)
    }

    @Test("A store made with full child rows is converted: the same children, ARNs, statuses and dates")
    func migratesFullRows() throws {
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let rows = [row("c-1", start: 1_000), row("c-2", start: 2_000, status: .failed)]
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            let queue = try DatabaseQueue(path: path)
            try SluiceDatabase.migrator.migrate(queue, upTo: "2026-12-execution-distributed-ceiling")
            try queue.write { db in
                for r in rows {
                    try db.execute(
                        sql: """
                            INSERT INTO childExecution (executionArn, mapRunArn, name, stateMachineArn, status,
                                startDate, stopDate, error, cause, redriveCount)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            r.executionArn, r.mapRunArn, r.name, r.stateMachineArn, r.status.rawValue, r.startDate,
                            r.stopDate, r.error, r.cause, r.redriveCount,
                        ]
                    )
                }
            }
        }
        let db = try SluiceDatabase(path: path)
        #expect(try db.childExecutions(mapRunArn: Self.mapRunArn) == rows)
        #expect(try db.childExecution(rows[1].executionArn) == rows[1])
        try db.appendJournal([], children: [row("c-3", start: 3_000)])
        #expect(try db.childExecutions(mapRunArn: Self.mapRunArn).map(\.name) == ["c-1", "c-2", "c-3"])
    }
}
