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
        let fd: Int32
        switch Posix.createExclusive(temporary) {
        case .success(let created): fd = created
        case .failure(let failure): throw Self.failure(temporary, "cannot create", failure)
        }
        let written = bytes.withUnsafeBytes { Posix.writeAll(fd, $0) }
        if case .failure(let failure) = written.flatMap({ Posix.sync(fd) }) {
            _ = Posix.close(fd)
            Posix.removeQuietly(temporary)
            throw Self.failure(temporary, failure.operation == "fsync" ? "cannot flush" : "cannot write", failure)
        }
        _ = Posix.close(fd)
        if case .failure(let failure) = Posix.rename(temporary, to: path) {
            Posix.removeQuietly(temporary)
            throw Self.failure(path, "cannot rename into place", failure)
        }
        Posix.syncDirectory(directory)
    }

    /// `mkdir -p`.
    package static func createDirectory(_ path: String) throws(Failure) {
        if case .failure(let failure) = Posix.makeDirectories(path) {
            throw Failure(description: "\(path): cannot create the folder: \(failure.message)")
        }
    }

    private static func failure(_ path: String, _ what: String, _ failure: Posix.Errno) -> Failure {
        Failure(description: "\(path): \(what): \(failure.message)")
    }
}
