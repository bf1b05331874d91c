import SluiceLinux
import SluiceVocabulary
import Synchronization

/// Remembers the MD5 of files already hashed, keyed by what changes when a file is rewritten.
///
/// A listing reports an ETag for every object and hashing reads the whole file, so a bucket listed again (every
/// execution of a state machine over the same prefix) would otherwise be read in full each time.
final class ETagCache: Sendable {
    static let shared = ETagCache()

    private struct Identity: Hashable {
        var path: String
        var device: UInt64
        var inode: UInt64
        var size: Int
        var modified: Int64
    }

    /// Beyond this many files the cache starts over rather than growing without bound.
    private static let capacity = 65_536
    private let known = Mutex<[Identity: String]>([:])

    /// The hex MD5 of the file's bytes as stored (compressed or not, as S3 hashes what it stores).
    func etag(of location: ObjectLocation, status: FileStatus) throws(ItemReaderError) -> String {
        let identity = Identity(
            path: location.path,
            device: status.device,
            inode: status.inode,
            size: status.size,
            modified: status.modifiedNanoseconds
        )
        if let hit = known.withLock({ $0[identity] }) { return hit }
        let digest = try Self.md5(of: location)
        known.withLock { table in
            if table.count >= Self.capacity { table.removeAll() }
            table[identity] = digest
        }
        return digest
    }

    /// Records a digest computed as the file was written (an upload through the API), so the file is not read
    /// again to answer its ETag.
    func remember(_ md5Hex: String, path: String, status: FileStatus) {
        let identity = Identity(
            path: path,
            device: status.device,
            inode: status.inode,
            size: status.size,
            modified: status.modifiedNanoseconds
        )
        known.withLock { table in
            if table.count >= Self.capacity { table.removeAll() }
            table[identity] = md5Hex
        }
    }

    private static func md5(of location: ObjectLocation) throws(ItemReaderError) -> String {
        let fd: Int32
        switch Posix.openForReading(location.path) {
        case .success(let opened): fd = opened
        case .failure(let e): throw .io(bucket: location.bucket, key: location.key, "open", errno: e.code)
        }
        defer { Posix.closeFile(fd) }
        var hash = MD5()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            switch Posix.read(fd, into: buffer.baseAddress!, count: buffer.count) {
            case .success(0):
                return hash.finalizeHex()
            case .success(let n):
                hash.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            case .failure(let e):
                throw .io(bucket: location.bucket, key: location.key, "read", errno: e.code)
            }
        }
    }
}
