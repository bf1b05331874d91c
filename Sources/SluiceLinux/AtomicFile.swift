import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whole-file writes that readers never see half done: the bytes go to a hidden temporary file in the same folder,
/// are flushed to disk, and the file is renamed into place (then the folder is flushed so the name survives a crash).
///
/// The temporary name starts with a dot and ends in `.tmp`, the two things DESIGN.md says are never objects or
/// messages, so a watcher or a listing skips it.
package enum AtomicFile {
    /// Why a write failed: the path and the system's words.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Writes `bytes` to `path`, creating the folders above it; an existing file is replaced.
    package static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        try createDirectory(directory)
        let temporary = directory + "/." + name + "." + String(UInt32.random(in: 0...UInt32.max), radix: 16) + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(temporary, "cannot create") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let error = failure(temporary, "cannot write")
                close(fd)
                unlink(temporary)
                throw error
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let error = failure(temporary, "cannot flush")
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "cannot rename into place")
            unlink(temporary)
            throw error
        }
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    /// `mkdir -p`.
    package static func createDirectory(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "\(path): cannot create the folder: \(error.localizedDescription)")
        }
    }

    private static func failure(_ path: String, _ what: String) -> Failure {
        Failure(description: "\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
