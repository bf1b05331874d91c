/// A data file to read later: the concatenating readers open one file at a time, when the previous is exhausted.
struct DataFile {
    var store: BucketStore
    var bucket: String
    var key: String
    /// How to read it; its InputType is CSV, JSON or JSONL.
    var settings: ReaderSettings

    func open() throws(ItemReaderError) -> any ItemSource {
        try ItemReaders.openFile(try store.location(bucket: bucket, key: key), settings: settings)
    }
}
