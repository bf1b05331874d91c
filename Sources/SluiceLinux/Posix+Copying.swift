#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Posix {
    /// Appends the whole of file `source` to the open descriptor `destination`, 1 MiB at a time (S3's CopyObject,
    /// and the parts of a multipart upload joined into one object).
    package static func append(contentsOf source: String, to destination: Int32) -> Result<Int64, Errno> {
        let fd: Int32
        switch openForReading(source) {
        case .success(let opened): fd = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { closeFile(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            switch read(fd, into: buffer.baseAddress!, count: buffer.count) {
            case .success(0):
                return .success(total)
            case .success(let n):
                if case .failure(let failure) = writeAll(destination, UnsafeRawBufferPointer(rebasing: buffer[0..<n])) {
                    return .failure(failure)
                }
                total += Int64(n)
            case .failure(let failure):
                return .failure(failure)
            }
        }
    }

    /// Removes an empty folder; fails when it holds anything.
    package static func removeDirectory(_ path: String) -> Result<Void, Errno> {
        rmdir(path) == 0 ? .success(()) : .failure(Errno(code: errno, operation: "rmdir"))
    }
}
