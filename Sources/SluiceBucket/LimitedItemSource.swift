import SluiceJSON

/// Stops after MaxItems items without reading further.
final class LimitedItemSource: ItemSource {
    private let inner: any ItemSource
    private var remaining: Int
    let version: String?

    init(_ inner: any ItemSource, limit: Int, version: String? = nil) {
        self.inner = inner
        remaining = limit
        self.version = version
    }

    var lastSizes: [Int] { inner.lastSizes }

    func next(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        guard remaining > 0, count > 0 else { return [] }
        let items = try inner.next(min(count, remaining))
        remaining -= items.count
        return items
    }
}
