import Foundation
import GRDB
import Testing

@testable import SluiceStore

/// sluice.db's page size: 16 KiB for a store made now (a batch's journal entry is ~20 KB), whatever an older store
/// was made with kept as it is.
struct StorePageSizeTests {
    let directory = NSTemporaryDirectory() + "sluice-store-" + UUID().uuidString

    private func pageSize(_ store: SluiceDatabase) throws -> Int? {
        try store.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
    }

    @Test("a new store has 16 KiB pages, in WAL mode")
    func newStore() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SluiceDatabase(path: directory + "/sluice.db")
        #expect(try pageSize(store) == 16_384)
        #expect(try store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test("a store made with 4 KiB pages opens, migrates and keeps them")
    func olderStore() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/sluice.db"
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 4096") }
            let old = try DatabasePool(path: path, configuration: configuration)
            try old.write { try $0.execute(sql: "CREATE TABLE before (x INTEGER)") }
        }
        let store = try SluiceDatabase(path: path)
        #expect(try pageSize(store) == 4_096)
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM executionEvent") } == 0)
    }
}
