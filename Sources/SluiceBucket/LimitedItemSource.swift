import SluiceJSON

/// Stops after MaxItems items without reading further.
final class LimitedItemSource: ItemSource {
    private let inner: any ItemSource
    private var remaining: Int

    init(_ inner: any ItemSource, limit: Int) {
        self.inner = inner
        remaining = limit
    }

    var lastSizes: [Int] { inner.lastSizes }

    func next(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        guard remaining > 0, count > 0 else { return [] }
        let items = try inner.next(min(count, remaining))
        remaining -= items.count
        return items
    }
}
