/// Where a parse that keeps objects compact (a worker's answer) writes them, one after the other, and the slab that
/// names them: each object is placed in the parsed value as soon as it is scanned, and the slab gets the bytes when
/// the whole document is parsed. A class, so the parser (a copyable struct) can hold the noncopyable writer.
final class CompactSlabBuilder {
    /// Unchecked, as is `ends`: only the parser writes them, one object at a time (a nested object is scanned into
    /// the same bytes, not through another call).
    @exclusivity(unchecked) var writer: CompactJSONWriter
    /// Where each object written so far ends.
    @exclusivity(unchecked) var ends: [Int] = []
    let slab = CompactSlab()

    init(capacity: Int) {
        writer = CompactJSONWriter(capacity: capacity)
    }

    /// Gives the slab what was written; its objects may be read from then on.
    func seal() {
        slab.seal(adopting: writer.takeWritten(nextCapacity: 16), ends: ends)
    }
}
