import Foundation
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// What the commands add to a map run's document: its dates and progress as text, and the store opened.
extension MapRunDocument {
    static func date(_ seconds: Double) -> JSONValue { DocumentDates.iso8601.value(seconds) }

    /// `12,345/227,000 items` or `12,345 items` while the total is unknown.
    var itemsLine: String {
        let done = run.itemsSucceeded + run.itemsFailed
        return run.totalKnown ? "\(done)/\(total) items" : "\(done) items (of \(total)+ read)"
    }

    /// Opens the store under `root` (only to read unless `writing`), or explains why not.
    static func openStore(root: String, writing: Bool = false) throws -> SluiceDatabase {
        let path = SluicePaths(root: root).store
        try StoreAccess.check(path, writing: writing)
        do {
            return writing ? try SluiceDatabase(path: path) : try SluiceDatabase(readingAt: path)
        } catch {
            throw CLIError.exit("cannot \(writing ? "write" : "read") \(path): \(error)")
        }
    }
}
