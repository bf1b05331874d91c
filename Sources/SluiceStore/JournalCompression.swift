import CZstd
import Foundation
import GRDB
import Synchronization

/// A journal event as sluice.db keeps it: an event of 4 KiB or more (a batch's results, ~20 KB for 500 rows) as a
/// zstd frame (level 1) in a BLOB, a smaller one as its JSON text.
///
/// A batch's results went into sluice.db as text, then through the WAL, a checkpoint and, once the execution
/// succeeded, the journal's DELETE, which walks every overflow page back: a tenth of sluiced's CPU in the 227,000-row
/// run. Compressed (about six times smaller) the entry fits in its B-tree page with no overflow pages at all, and
/// compressing costs less than the page traffic it saves. Replay, after a crash only, decompresses.
final class JournalCompression: Sendable {
    /// The smallest event worth compressing: below it the text stays readable in sluice.db.
    static let threshold = 4096

    /// One compression context, reused (making one per event cost as much as compressing a small one), used under
    /// `lock` only. Journal groups are written one at a time, so the lock is not contended.
    nonisolated(unsafe) private let context: OpaquePointer? = ZSTD_createCCtx()
    private let lock = Mutex<Void>(())

    deinit {
        if let context { ZSTD_freeCCtx(context) }
    }

    /// What to store for `text`: a BLOB holding its zstd frame, or the text itself when it is small or compressing
    /// does not make it smaller.
    func stored(_ text: String) -> DatabaseValue {
        var text = text
        guard text.utf8.count >= Self.threshold else { return text.databaseValue }
        let frame: Data? = text.withUTF8 { utf8 in
            lock.withLock { _ -> Data? in
                guard let context else { return nil }
                let capacity = ZSTD_compressBound(utf8.count)
                var frame = Data(count: capacity)
                let written = frame.withUnsafeMutableBytes { out in
                    ZSTD_compressCCtx(context, out.baseAddress, capacity, utf8.baseAddress, utf8.count, 1)
                }
                guard ZSTD_isError(written) == 0, written < utf8.count else { return nil }
                frame.count = written
                return frame
            }
        }
        return frame?.databaseValue ?? text.databaseValue
    }

    /// The event's text from what sluice.db holds: its text, or the text of its zstd frame.
    static func text(_ value: DatabaseValue, executionArn: String, sequence: Int) throws -> String {
        switch value.storage {
        case .string(let text):
            return text
        case .blob(let frame):
            return try frame.withUnsafeBytes { frame throws -> String in
                let size = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
                // ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are the two largest values; sluice always writes the size.
                guard size < UInt64.max - 1, size <= UInt64(Int.max) else {
                    throw corrupt(executionArn, sequence, "no content size in its zstd frame")
                }
                return try String(unsafeUninitializedCapacity: max(1, Int(size))) { text in
                    let read = ZSTD_decompress(text.baseAddress, Int(size), frame.baseAddress, frame.count)
                    guard ZSTD_isError(read) == 0, read == Int(size) else {
                        let reason = ZSTD_isError(read) != 0 ? String(cString: ZSTD_getErrorName(read)) : "short"
                        throw corrupt(executionArn, sequence, "its zstd frame does not decompress (\(reason))")
                    }
                    return read
                }
            }
        default:
            throw corrupt(executionArn, sequence, "neither text nor a zstd frame")
        }
    }

    private static func corrupt(_ executionArn: String, _ sequence: Int, _ what: String) -> DatabaseError {
        DatabaseError(
            resultCode: .SQLITE_CORRUPT,
            message: "sluice.db: journal event \(sequence) of \(executionArn): \(what)"
        )
    }
}
