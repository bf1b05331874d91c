#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the file system calls the readers need.
///
/// Bucket listing and object reads go straight to the system rather than through Foundation: a listing stats every
/// file, and reads want one `read(2)` per chunk without extra copies.
package enum Posix {
    /// What the system calls an errno value.
    package static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Opens a file for reading; the errno value on failure.
    package static func openForReading(_ path: String) -> Result<Int32, Errno> {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(Errno(code: errno)) }
        }
    }

    /// Reads up to `count` bytes; 0 at the end of the file.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Result<Int, Errno> {
        while true {
            #if canImport(Glibc)
                let n = Glibc.read(fd, buffer, count)
            #else
                let n = Darwin.read(fd, buffer, count)
            #endif
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(Errno(code: errno)) }
        }
    }

    /// Reads from `offset` without moving the file position (used to sniff compression magic numbers).
    package static func readAt(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, offset: Int) -> Int {
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 || errno != EINTR { return n }
        }
    }

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

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a directory, without "." and "..", or nil when it cannot be read.
    package static func directoryEntries(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// An errno value, kept for the error message.
    package struct Errno: Error {
        package var code: Int32
    }
}
