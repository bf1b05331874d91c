import SluiceJSON
import SluiceLinux

/// The items of several objects one after another, each object opened only when the previous one is exhausted
/// (LOAD_AND_FLATTEN over a prefix, the data files of a manifest).
final class ConcatenatedItemSource: FailOnceItemSource {
    private var pending: ArraySlice<DataFile>
    private var current: (any ItemSource)?
    var failure: ItemReaderError?

    init(_ files: [DataFile]) {
        pending = files[...]
    }

    /// The data files' keys and versions as they are now, before any is read (`ObjectsVersion`).
    var version: String {
        ObjectsVersion.of(
            pending.map { file in
                (
                    file.bucket + "/" + file.key,
                    try? Posix.status(file.store.location(bucket: file.bucket, key: file.key).path)
                )
            }
        )
    }

    func produce(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        var items: [JSONValue] = []
        while items.count < count {
            if current == nil {
                guard let file = pending.popFirst() else { break }
                current = try file.open()
            }
            let batch = try current!.next(count - items.count)
            if batch.isEmpty {
                current = nil
            } else {
                items.append(contentsOf: batch)
            }
        }
        return items
    }
}
