/// The decoded bytes of one object, read a chunk at a time.
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; 0 only at the end of the content.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ItemReaderError) -> Int
}
