import SluiceJSON

/// The metadata of the objects under a prefix, one item per object (listObjectsV2 without a Transformation).
///
/// The listing itself is cheap; each object's ETag needs its content hashed, so that is done only as items are
/// asked for and MaxItems stops it early.
final class ListingItemSource: ItemSource {
    private let store: BucketStore
    private var entries: ArraySlice<BucketStore.Entry>

    init(store: BucketStore, entries: [BucketStore.Entry]) {
        self.store = store
        self.entries = entries[...]
    }

    func next(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        var items: [JSONValue] = []
        while items.count < count, let entry = entries.first {
            items.append(try store.summary(of: entry).item)
            entries = entries.dropFirst()
        }
        return items
    }
}
