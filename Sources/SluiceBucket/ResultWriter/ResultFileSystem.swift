#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file system calls the ResultWriter needs, each answering the errno value on failure.
///
/// Result files go straight through `write(2)` from one buffer per file: a map run appends hundreds of thousands of
/// records, and Foundation's file handles would add a copy and an Objective-C-style error per call.
enum ResultFileSystem {
    /// An errno value with the call that produced it, kept for the error message.
    struct Failure: Error {
        var operation: String
        var code: Int32

        /// What the system calls the errno value, e.g. "No space left on device".
        var message: String { String(cString: strerror(code)) }
    }

    /// Creates a new file for writing; fails if the name is taken, so two writers never share a file.
    static func createExclusive(_ path: String) -> Result<Int32, Failure> {
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(Failure(operation: "create", code: errno)) }
        }
    }

    /// Writes every byte, resuming after partial writes and interruptions.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Void, Failure> {
        guard var next = bytes.baseAddress else { return .success(()) }
        var left = bytes.count
        while left > 0 {
            #if canImport(Glibc)
                let n = Glibc.write(fd, next, left)
            #else
                let n = Darwin.write(fd, next, left)
            #endif
            if n > 0 {
                next += n
                left -= n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                // A zero-byte write of a non-empty buffer means no progress is possible; report it as a full disk.
                return .failure(Failure(operation: "write", code: n < 0 ? errno : ENOSPC))
            }
        }
        return .success(())
    }

    /// Pushes the file's data to the disk, so a crash after the rename cannot leave an empty or torn object.
    static func sync(_ fd: Int32) -> Result<Void, Failure> {
        while fsync(fd) != 0 {
            if errno != EINTR { return .failure(Failure(operation: "fsync", code: errno)) }
        }
        return .success(())
    }

    /// Closes a descriptor; a failing close can report a delayed write error (NFS, quotas), so it counts.
    static func close(_ fd: Int32) -> Result<Void, Failure> {
        #if canImport(Glibc)
            let status = Glibc.close(fd)
        #else
            let status = Darwin.close(fd)
        #endif
        // Linux releases the descriptor even when close reports EINTR, so retrying could close someone else's.
        if status != 0, errno != EINTR { return .failure(Failure(operation: "close", code: errno)) }
        return .success(())
    }

    /// Moves a completed file into place in one step, replacing any older file of that name.
    static func rename(_ from: String, to: String) -> Result<Void, Failure> {
        #if canImport(Glibc)
            let status = Glibc.rename(from, to)
        #else
            let status = Darwin.rename(from, to)
        #endif
        if status != 0 { return .failure(Failure(operation: "rename", code: errno)) }
        return .success(())
    }

    /// Removes a file, ignoring failures: used only to clean up temporary files that may already be gone.
    static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    /// Creates a folder unless a folder of that name already exists.
    static func makeDirectory(_ path: String) -> Result<Void, Failure> {
        if mkdir(path, 0o755) == 0 { return .success(()) }
        let code = errno
        if code == EEXIST, isDirectory(path) { return .success(()) }
        return .failure(Failure(operation: "mkdir", code: code == EEXIST ? ENOTDIR : code))
    }

    /// Whether the path is a folder (following symlinks).
    static func isDirectory(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFDIR
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
