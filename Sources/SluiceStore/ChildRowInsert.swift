import GRDB
import GRDBSQLite
import SluiceVocabulary

/// One journal group's child rows inserted through sqlite3 itself. GRDB's arguments (an array of existentials,
/// each turned into a DatabaseValue, then bound) cost as much as SQLite's insert: a million times over in a map
/// run of a million children. The statement is prepared once per group and finalized with it.
struct ChildRowInsert: ~Copyable {
    private let connection: OpaquePointer
    private let statement: OpaquePointer
    /// SQLITE_TRANSIENT: SQLite copies a bound text before the call returns (the C macro, which Swift cannot
    /// import).
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(message: "sluice.db is closed") }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(
            connection,
            """
            INSERT OR REPLACE INTO childExecution (run, startDate, name, status, stopDate, error, cause, redriveCount)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """,
            -1,
            &prepared,
            nil
        )
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(connection))
            )
        }
        self.connection = connection
        statement = prepared
    }

    deinit { sqlite3_finalize(statement) }

    func insert(_ row: ChildExecutionRow, run: Int64) throws {
        sqlite3_bind_int64(statement, 1, run)
        sqlite3_bind_double(statement, 2, row.startDate)
        bind(3, row.name)
        bind(4, row.status.rawValue)
        sqlite3_bind_double(statement, 5, row.stopDate)
        bind(6, row.error)
        bind(7, row.cause)
        sqlite3_bind_int64(statement, 8, Int64(row.redriveCount))
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(connection))
            )
        }
    }

    private func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(statement, index)
            return
        }
        text.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                // An empty string may have no address, which SQLite would bind as NULL.
                guard let address = chars.baseAddress else {
                    return sqlite3_bind_text(statement, index, "", 0, transient)
                }
                return sqlite3_bind_text(statement, index, address, Int32(chars.count), transient)
            }
        }
    }
}
