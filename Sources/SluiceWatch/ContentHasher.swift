import Dispatch
import Glibc
import SluiceLinux
import SluiceVocabulary

/// Computes an object's ETag (the hex MD5 of its bytes) and size from one open descriptor, so both describe the
/// same content.
///
/// Hashing reads the whole file, seconds for a large one, so it runs on a Dispatch queue rather than holding a
/// thread of Swift's cooperative pool. The open file is checked to be a regular file inside its bucket (through
/// /proc/self/fd, which names the file actually opened, whatever symlinks or renames happened since the event).
enum ContentHasher {
    enum Outcome {
        case hashed(size: Int, etag: String, identity: FileIdentity)
        /// Gone, no longer a regular file, or outside the bucket: there is no object to report.
        case notAnObject
        /// Written to while being read; the writer's close will report it again.
        case changedWhileReading
        case failed(WatchError)
    }

    private static let queue = DispatchQueue(label: "sluice.watch.hash", attributes: .concurrent)

    /// Hashes off the cooperative pool.
    static func hash(path: String, bucketRoot: String) async -> Outcome {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: hashNow(path: path, bucketRoot: bucketRoot)) }
        }
    }

    static func hashNow(path: String, bucketRoot: String) -> Outcome {
        let descriptor: Int32
        // Non-blocking: should the name now be a FIFO, opening must not wait for a writer.
        switch Posix.openForReading(path, nonBlocking: true) {
        case .success(let opened):
            descriptor = opened
        case .failure(let failure):
            let gone = failure.code == ENOENT || failure.code == ENOTDIR || failure.code == ELOOP
            return gone ? .notAnObject : .failed(.failed(failure, path: path))
        }
        defer { Posix.closeFile(descriptor) }
        guard let before = Posix.status(of: descriptor) else { return .notAnObject }
        // A name that became a folder is the folder's business (it is watched and listed); anything else that is
        // not a regular file is said, since whoever made it expected an object.
        guard before.isRegularFile else {
            if before.isDirectory { return .notAnObject }
            return .failed(.notAnObject(path, "not a regular file (a FIFO, socket or device)"))
        }
        guard isInside(descriptor, path, bucketRoot) else {
            return .failed(.notAnObject(path, "a symlink leading out of its bucket"))
        }

        var md5 = MD5()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count: Int
            switch Posix.read(descriptor, into: buffer.baseAddress!, count: buffer.count) {
            case .success(let n): count = n
            case .failure(let failure): return .failed(.failed(failure, path: path))
            }
            if count == 0 { break }
            md5.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        guard let after = Posix.status(of: descriptor), after.identity == before.identity else {
            return .changedWhileReading
        }
        return .hashed(size: after.size, etag: md5.finalizeHex(), identity: after.identity)
    }

    /// Whether the opened file lies inside the bucket.
    private static func isInside(_ descriptor: Int32, _ path: String, _ bucketRoot: String) -> Bool {
        if let opened = Posix.readLink("/proc/self/fd/\(descriptor)") {
            return Posix.isInside(opened, root: bucketRoot)
        }
        // Without /proc, resolving the name again is the next best check.
        return Posix.realPath(path).map { Posix.isInside($0, root: bucketRoot) } ?? false
    }
}
