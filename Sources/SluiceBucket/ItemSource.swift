import SluiceJSON

/// A stream of items; reads the object incrementally: memory does not grow with the object's size.
///
/// Not thread-safe: one reader feeds one Map Run.
package protocol ItemSource: AnyObject {
    /// Up to `count` next items; [] when exhausted. After an error every later call throws it again.
    func next(_ count: Int) throws(ItemReaderError) -> [JSONValue]

    /// The compact JSON sizes of the items the last `next` returned, one per item, when the source worked them out
    /// from the bytes it parsed (CSV rows); empty otherwise. Spares the batcher weighing every item again.
    var lastSizes: [Int] { get }
}

extension ItemSource {
    package var lastSizes: [Int] { [] }
}
