import SluiceLinux

/// The raw bytes of a file, read with `read(2)`.
final class FileByteSource: ByteSource {
    private let fd: Int32
    private let location: ObjectLocation

    /// Takes ownership of `fd`.
    init(fd: Int32, location: ObjectLocation) {
        self.fd = fd
        self.location = location
    }

    deinit {
        Posix.closeFile(fd)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ItemReaderError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        switch Posix.read(fd, into: base, count: buffer.count) {
        case .success(let n): return n
        case .failure(let e): throw .io(bucket: location.bucket, key: location.key, "read", errno: e.code)
        }
    }
}
