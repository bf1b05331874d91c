import Synchronization

/// Which MessageIds each topic folder holds, so that a publish with a stable MessageId (a step run again after a
/// restart) finds out whether it was stored before without listing the folder every time: a folder is listed once,
/// at the first such publish, and every publish of this process adds to it. A hit is looked up in the folder;
/// a message removed by hand is simply not found there.
final class PublishedIndex: Sendable {
    static let shared = PublishedIndex()

    private let folders = Mutex<[String: Set<String>]>([:])

    /// Whether `folder` may hold `messageId`; `list` gives the folder's message files when it is not indexed yet.
    func mayHold(_ messageId: String, in folder: String, list: () -> [String]) -> Bool {
        if let known = folders.withLock({ $0[folder] }) { return known.contains(messageId) }
        let ids = Set(list().compactMap(Self.messageId(ofFile:)))
        return folders.withLock { folders in
            let merged = folders[folder].map { $0.union(ids) } ?? ids
            folders[folder] = merged
            return merged.contains(messageId)
        }
    }

    /// A message this process stored in `folder`.
    func add(_ messageId: String, in folder: String) {
        folders.withLock { folders in
            guard folders[folder] != nil else { return }  // listed, with it, at its first lookup
            folders[folder]?.insert(messageId)
        }
    }

    /// `MessageId` of a file named `<timestamp>-<MessageId>.json`.
    static func messageId(ofFile name: String) -> String? {
        guard name.hasSuffix(".json"), let dash = name.firstIndex(of: "-") else { return nil }
        return String(name[name.index(after: dash)..<name.index(name.endIndex, offsetBy: -5)])
    }
}
