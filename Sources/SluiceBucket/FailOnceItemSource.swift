import SluiceJSON

/// An item source whose first error is final: a reader that failed partway through an object cannot pick up where
/// it stopped, so every later `next` throws that error again, as `ItemSource` promises.
protocol FailOnceItemSource: ItemSource {
    /// The error the source stopped with, if it did.
    var failure: ItemReaderError? { get set }

    /// Up to `count` next items; [] when exhausted. Called only while there is no `failure`.
    func produce(_ count: Int) throws(ItemReaderError) -> [JSONValue]
}

extension FailOnceItemSource {
    func next(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        if let failure { throw failure }
        do {
            return try produce(count)
        } catch {
            failure = error
            throw error
        }
    }
}
