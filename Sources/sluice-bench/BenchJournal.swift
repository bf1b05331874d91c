import Foundation
import SluiceASL
import SluiceDaemon
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceVocabulary
import Synchronization

/// Where the durability benchmark keeps an execution's journal: nowhere (as `sluice run`), in memory (encoded as
/// for the store, kept in an array: the cost of checkpoints without the disk), or in sluice.db as sluiced does
/// (grouped writes every 50 ms).
enum BenchJournal {
    case none
    case memory
    case store(path: String)

    var label: String {
        switch self {
        case .none: "no journal"
        case .memory: "journal in memory"
        case .store: "journal in sluice.db"
        }
    }

    /// Runs `body` with the journal this mode gives, flushing a store journal meanwhile and at the end.
    func with<T>(_ executionArn: String, _ body: ((any ExecutionJournal)?) async -> T) async throws -> T {
        switch self {
        case .none: return await body(nil)
        case .memory: return await body(MemoryJournal())
        case .store(let path):
            try? FileManager.default.removeItem(atPath: path)
            let journal = DaemonJournal(database: try SluiceDatabase(path: path))
            let flusher = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(50))
                    try? journal.flush()
                }
            }
            let result = await body(journal.execution(executionArn))
            flusher.cancel()
            try journal.flush()
            return result
        }
    }
}

/// Checkpoints held in memory: each event encoded as the store's journal encodes it, then kept.
final class MemoryJournal: ExecutionJournal {
    private let events = Mutex<[String]>([])

    func record(sequence: Int, at time: Timestamp, entry: JournalEntry) {
        let text = entry.json.serialized()
        events.withLock { $0.append(text) }
    }
}
