import SluiceLinux

/// Opens an object's content, decompressing it when it is gzip or zstd.
///
/// AWS reads GZIP and ZSTD input files (ItemReader: "Input files support the following external compression types:
/// GZIP, ZSTD", e.g. `myObject.jsonl.gz`, `myObject.csv.zstd`). The format is recognised by its magic number rather
/// than by the name, so a misnamed file still reads and a plain file named `.gz` is not mangled.
enum ObjectContent {
    static func open(_ location: ObjectLocation) throws(ItemReaderError) -> any ByteSource {
        let fd: Int32
        switch Posix.openForReading(location.path) {
        case .success(let opened): fd = opened
        case .failure(let e): throw .io(bucket: location.bucket, key: location.key, "open", errno: e.code)
        }
        var magic: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let sniffed = withUnsafeMutableBytes(of: &magic) {
            Posix.readAt(fd, into: $0.baseAddress!, count: 4, offset: 0)
        }
        let file = FileByteSource(fd: fd, location: location)
        if sniffed >= 2 && magic.0 == 0x1f && magic.1 == 0x8b {
            return try GzipByteSource(input: file, location: location)
        }
        if sniffed == 4 && magic == (0x28, 0xb5, 0x2f, 0xfd) {
            return try ZstdByteSource(input: file, location: location)
        }
        return file
    }

    /// The whole decoded content, for small documents such as manifests; refuses more than `limit` bytes.
    static func readAll(_ location: ObjectLocation, limit: Int) throws(ItemReaderError) -> [UInt8] {
        let source = try open(location)
        var result: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = try source.read(into: chunk)
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
            if result.count > limit {
                throw location.error("the file is larger than \(limit / (1 << 20)) MiB, too large for a manifest")
            }
        }
    }
}
