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
        // Written in place, not through AtomicFile: its fsync would cost more than the read it feeds.
        let path = bucketsDirectory + "/fuzz/object"
        Posix.removeQuietly(path)
        guard case .success(let fd) = Posix.createExclusive(path),
            case .success = input.withUnsafeBytes({ Posix.writeAll(fd, $0) }), case .success = Posix.close(fd)
        else { fatalError("cannot write the fuzz object \(path)") }
        let request = ItemReaderRequest(
            resource: "arn:aws:states:::s3:getObject",
            parameters: ["Bucket": "fuzz", "Key": "object"],
            readerConfig: config
        )
        guard let source = try? ItemReaders.open(request, buckets: BucketStore(bucketsDirectory: bucketsDirectory))
        else { return }
        var total = 0
        while let items = try? source.next(7), !items.isEmpty {
            total += items.count
            for item in items { _ = item.serialized() }
        }
        _ = total
    }
}
