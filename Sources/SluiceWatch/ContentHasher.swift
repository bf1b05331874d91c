import Dispatch
import Glibc
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
        do throws(WatchError) {
            // O_NONBLOCK: should the name now be a FIFO, opening must not wait for a writer.
            descriptor = try systemCall("open", path: path) { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        } catch {
            let gone = error.errno == ENOENT || error.errno == ENOTDIR || error.errno == ELOOP
            return gone ? .notAnObject : .failed(error)
        }
        defer { _ = close(descriptor) }
        guard let before = status(descriptor), before.kind == .regular, isInside(descriptor, path, bucketRoot)
        else { return .notAnObject }

        var md5 = MD5()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count: Int
            do throws(WatchError) {
                count = try systemCall("read", path: path) { read(descriptor, buffer.baseAddress, buffer.count) }
            } catch {
                return .failed(error)
            }
            if count == 0 { break }
            md5.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        guard let after = status(descriptor), after.identity == before.identity else { return .changedWhileReading }
        return .hashed(size: after.size, etag: md5.finalizeHex(), identity: after.identity)
    }

    private static func status(_ descriptor: Int32) -> FileInfo? {
        var s = stat()
        guard fstat(descriptor, &s) == 0 else { return nil }
        return FileInfo(s)
    }

    /// Whether the opened file lies inside the bucket.
    private static func isInside(_ descriptor: Int32, _ path: String, _ bucketRoot: String) -> Bool {
        if let opened = readLink("/proc/self/fd/\(descriptor)") {
            return FileSystem.isInside(opened, root: bucketRoot)
        }
        // Without /proc, resolving the name again is the next best check.
        return FileSystem.realPath(path).map { FileSystem.isInside($0, root: bucketRoot) } ?? false
    }

    private static func readLink(_ path: String) -> String? {
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
}
