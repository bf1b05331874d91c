import SluiceBucket
import SluiceJSON
import SluiceLinux

extension FuzzTarget {
    /// The input written as a bucket object and read to its end as a Distributed Map's ItemReader reads it
    /// (`config` its ReaderConfig), in small batches so the readers refill their windows often. gzip and zstd are
    /// recognised by their magic numbers, so compressed inputs (the items-compressed corpus) go through the same
    /// call.
    static func items(_ input: [UInt8], config: JSONObject) {
        let bucketsDirectory = FuzzScratch.bucketsDirectory
        // A key of its own per call: the replay test runs the item targets side by side in one process.
        let key = FuzzScratch.nextKey()
        // Written in place, not through AtomicFile: its fsync would cost more than the read it feeds.
        let path = bucketsDirectory + "/fuzz/" + key
        defer { Posix.removeQuietly(path) }
        guard case .success(let fd) = Posix.createExclusive(path),
            case .success = input.withUnsafeBytes({ Posix.writeAll(fd, $0) }), case .success = Posix.close(fd)
        else { fatalError("cannot write the fuzz object \(path)") }
        let store = BucketStore(bucketsDirectory: bucketsDirectory)
        // Read twice, in batches of 7 (refilling the window often) and of 1,000: how the items are asked for must
        // not change what they are, nor where reading fails.
        let small = read(store, key: key, config: config, batch: 7)
        let large = read(store, key: key, config: config, batch: 1000)
        guard (small.error == nil) == (large.error == nil) else {
            fatalError("batches of 7 and 1000 disagree: \(small.error?.cause ?? "ok") / \(large.error?.cause ?? "ok")")
        }
        let common = min(small.items.count, large.items.count)
        guard small.items[..<common] == large.items[..<common] else {
            fatalError("batches of 7 and 1000 read different items")
        }
        if small.error == nil && small.items.count != large.items.count {
            fatalError("batches of 7 and 1000 read \(small.items.count) and \(large.items.count) items")
        }
    }

    /// Every item of the fuzz object, and the error that ended reading early if one did.
    private static func read(_ store: BucketStore, key: String, config: JSONObject, batch: Int) -> (
        items: [JSONValue], error: ItemReaderError?
    ) {
        let request = ItemReaderRequest(
            resource: "arn:aws:states:::s3:getObject",
            parameters: ["Bucket": "fuzz", "Key": .string(key)],
            readerConfig: config
        )
        var items: [JSONValue] = []
        do {
            let source = try ItemReaders.open(request, buckets: store)
            while true {
                let read = try source.next(batch)
                if read.isEmpty { return (items, nil) }
                for item in read { _ = item.serialized() }
                items += read
            }
        } catch {
            return (items, error)
        }
    }
}
