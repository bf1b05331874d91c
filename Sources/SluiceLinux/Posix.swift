#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system calls sluice makes, in one place: each retried on EINTR where that is right, each failure an
/// `Errno` naming the call.
///
/// Bucket listing, object reads and result files go straight to the system rather than through Foundation: a
/// listing stats every file, reads want one `read(2)` per chunk without extra copies, and a map run appends hundreds
/// of thousands of records.
package enum Posix {
    /// What the system calls an errno value.
    package static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Opens a file for reading; the errno value on failure. `nonBlocking`: should the name be a FIFO, opening does
    /// not wait for a writer.
    package static func openForReading(_ path: String, nonBlocking: Bool = false) -> Result<Int32, Errno> {
        let flags = O_RDONLY | O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0)
        return retrying("open") { open(path, flags) }
    }

    /// Reads up to `count` bytes; 0 at the end of the file.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Result<Int, Errno> {
        #if canImport(Glibc)
            retrying("read") { Glibc.read(fd, buffer, count) }
        #else
            retrying("read") { Darwin.read(fd, buffer, count) }
        #endif
    }

    /// Reads from `offset` without moving the file position (used to sniff compression magic numbers); -1 on
    /// failure.
    package static func readAt(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, offset: Int) -> Int {
        (try? retrying("pread") { pread(fd, buffer, count, off_t(offset)) }.get()) ?? -1
    }

    /// Closes a descriptor that was only read, where a failure says nothing worth reporting.
    package static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    /// What `lstat` says about a path, without following a final symlink.
    package static func linkStatus(_ path: String) -> FileStatus? {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        return FileStatus(s)
    }

    /// What `stat` says about a path, following symlinks.
    package static func status(_ path: String) -> FileStatus? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return FileStatus(s)
    }

    /// What `fstat` says about an open file.
    package static func status(of fd: Int32) -> FileStatus? {
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        return FileStatus(s)
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What a symlink holds, or nil when `path` is not one.
    package static func readLink(_ path: String) -> String? {
        var capacity = 4096
        while true {
            var bytes = [UInt8](repeating: 0, count: capacity)
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { readlink(path, $0.baseAddress!, capacity) }
            }
            guard count >= 0 else { return nil }
            if count < capacity { return String(decoding: bytes[0..<count], as: UTF8.self) }
            capacity *= 2
        }
    }

    /// The names in a directory, without "." and "..".
    ///
    /// Names are read as bytes: one that is not valid UTF-8 cannot be an S3 key or a configuration name, so it is
    /// left out rather than turned into a different name by replacement characters.
    package static func directoryEntries(_ path: String) -> Result<[String], Errno> {
        guard let dir = opendir(path) else { return .failure(Errno(code: errno, operation: "opendir")) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validating: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let name, name != ".", name != ".." else { continue }
            names.append(name)
        }
        return .success(names)
    }

    /// Whether `path` is `root` or lies below it, comparing bytes: canonically equivalent spellings of a name are
    /// different files on disk, which String comparison would treat as equal.
    package static func isInside(_ path: String, root: String) -> Bool {
        let path = path.utf8
        let root = root.utf8
        guard path.starts(with: root) else { return false }
        let rest = path.dropFirst(root.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }
}
