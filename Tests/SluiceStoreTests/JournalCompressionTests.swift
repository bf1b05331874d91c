import Foundation
import GRDB
import Testing

@testable import SluiceStore

/// The journal's large events (a batch's results) kept as zstd frames, its small ones as text; read back the same.
struct JournalCompressionTests {
    let directory = NSTemporaryDirectory() + "sluice-store-" + UUID().uuidString
    let arn = "arn:aws:states:local:000000000000:execution:m:e"

    /// A batch's results as the journal writes them: 500 rows, ~18 KB.
    static let batch =
        #"{"e":"taskSucceeded","t":7,"output":{"ExecutedVersion":"$LATEST","Payload":["#
        + (0..<500).map { #"{"company_id":\#($0),"score":0.\#(($0 * 7919) % 1_000_000)}"# }.joined(separator: ",")
        + #"],"StatusCode":200}}"#

    private func storage(_ store: SluiceDatabase) throws -> [(type: String, bytes: Int)] {
        try store.writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT typeof(event) AS type, length(CAST(event AS BLOB)) AS bytes FROM executionEvent ORDER BY sequence"
            ).map { ($0["type"], $0["bytes"]) }
        }
    }

    @Test("a batch's results are stored compressed and read back as written; small events stay text")
    func roundTrip() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SluiceDatabase(path: directory + "/sluice.db")
        let small = #"{"e":"timerFired","t":3}"#
        // Just below and at the threshold, with a character outside ASCII.
        let below =
            #"{"e":"stop","cause":""# + String(repeating: "é", count: (JournalCompression.threshold - 24) / 2)
            + #""}"#
        let at = #"{"e":"stop","cause":""# + String(repeating: "x", count: JournalCompression.threshold) + #""}"#
        let texts = [small, Self.batch, below, at]
        try store.appendJournal(
            texts.enumerated().map {
                JournaledEvent(
                    executionArn: arn,
                    sequence: $0.offset,
                    timestampMillis: 1_000 + Int64($0.offset),
                    event: $0.element
                )
            }
        )
        let read = try store.journal(arn)
        #expect(read.map(\.event) == texts)
        #expect(read.map(\.timestampMillis) == [1_000, 1_001, 1_002, 1_003])
        let kept = try storage(store)
        #expect(kept.map(\.type) == ["text", "blob", "text", "blob"])
        // About six times smaller: small enough for its B-tree page, with no overflow pages.
        #expect(kept[1].bytes * 4 < Self.batch.utf8.count)
        #expect(below.utf8.count < JournalCompression.threshold)
    }

    @Test("a frame that does not decompress is an error naming the execution and the event, not a crash")
    func corrupt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SluiceDatabase(path: directory + "/sluice.db")
        try store.appendJournal([JournaledEvent(executionArn: arn, sequence: 0, timestampMillis: 0, event: Self.batch)])
        // Cut short, then not zstd at all.
        for damage in ["substr(event, 1, length(event) / 2)", "X'00010203'"] {
            try store.writer.write { try $0.execute(sql: "UPDATE executionEvent SET event = \(damage)") }
            do {
                _ = try store.journal(arn)
                Issue.record("a damaged journal read as if whole (\(damage))")
            } catch {
                #expect("\(error)".contains("journal event 0 of \(arn)"), "\(error)")
            }
        }
    }
}
