#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Posix {
    /// Creates a new file for writing; fails if the name is taken, so two writers never share a file.
    package static func createExclusive(_ path: String, mode: mode_t = 0o644) -> Result<Int32, Errno> {
        retrying("create") { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
    }

    /// Writes every byte, resuming after partial writes and interruptions.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Void, Errno> {
        guard var next = bytes.baseAddress else { return .success(()) }
        var left = bytes.count
        while left > 0 {
            #if canImport(Glibc)
                let written = retrying("write") { Glibc.write(fd, next, left) }
            #else
                let written = retrying("write") { Darwin.write(fd, next, left) }
            #endif
            switch written {
            case .success(let n) where n > 0:
                next += n
                left -= n
            case .success:
                // A zero-byte write of a non-empty buffer means no progress is possible; report it as a full disk.
                return .failure(Errno(code: ENOSPC, operation: "write"))
            case .failure(let failure):
                return .failure(failure)
            }
        }
        return .success(())
    }

    /// Pushes the file's data to the disk, so a crash after a rename cannot leave an empty or torn file.
    package static func sync(_ fd: Int32) -> Result<Void, Errno> {
        retrying("fsync") { fsync(fd) }.map { _ in () }
    }

    /// Closes a descriptor; a failing close can report a delayed write error (NFS, quotas), so it counts.
    package static func close(_ fd: Int32) -> Result<Void, Errno> {
        #if canImport(Glibc)
            let status = Glibc.close(fd)
        #else
            let status = Darwin.close(fd)
        #endif
        // Linux releases the descriptor even when close reports EINTR, so retrying could close someone else's.
        if status != 0, errno != EINTR { return .failure(Errno(code: errno, operation: "close")) }
        return .success(())
    }

    /// Moves a file into place in one step, replacing any older file of that name.
    package static func rename(_ from: String, to: String) -> Result<Void, Errno> {
        #if canImport(Glibc)
            let status = Glibc.rename(from, to)
        #else
            let status = Darwin.rename(from, to)
        #endif
        if status != 0 { return .failure(Errno(code: errno, operation: "rename")) }
        return .success(())
    }

    /// Removes a file, ignoring failures: used only to clean up temporary files that may already be gone.
    package static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    /// Creates a folder unless a folder of that name already exists.
    package static func makeDirectory(_ path: String, mode: mode_t = 0o755) -> Result<Void, Errno> {
        if mkdir(path, mode) == 0 { return .success(()) }
        let code = errno
        if code == EEXIST, status(path)?.isDirectory == true { return .success(()) }
        return .failure(Errno(code: code == EEXIST ? ENOTDIR : code, operation: "mkdir"))
    }

    /// `mkdir -p`: the folder and every missing folder above it (mode 0o777 less the umask, as mkdir(1) does).
    package static func makeDirectories(_ path: String, mode: mode_t = 0o777) -> Result<Void, Errno> {
        if status(path)?.isDirectory == true { return .success(()) }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let parent = makeDirectories(String(path[..<slash]), mode: mode)
            if case .failure(let failure) = parent { return .failure(failure) }
        }
        return makeDirectory(path, mode: mode)
    }

    /// Flushes a folder, so a name just renamed into it survives a crash; best effort, as not every file system
    /// can.
    package static func syncDirectory(_ path: String) {
        guard case .success(let fd) = retrying("open", { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else {
            return
        }
        _ = sync(fd)
        _ = close(fd)
    }
}
