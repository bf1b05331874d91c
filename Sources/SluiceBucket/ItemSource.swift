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

    /// Which content is being read, for a source over one object: its size, modification time and inode. A map run
    /// resumed after a restart reads its object again from the start and skips what it had read; the version tells
    /// it whether that is still the object it was reading. nil where it is not told (listings).
    var version: String? { get }
}

extension ItemSource {
    package var lastSizes: [Int] { [] }
    package var version: String? { nil }
}
