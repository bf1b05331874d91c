import Glibc
import SluiceAWS
import SluiceLinux
import SluiceVocabulary

/// An upload's body written to a hidden file under the uploads folder as it arrives, hashed on the way (SHA-256
/// to check the signature's payload hash, MD5 for the ETag), so that one rename puts it in its bucket.
final class SpooledUpload: @unchecked Sendable {
    let path: String
    private(set) var size: Int64 = 0
    private var fd: Int32
    private var sha256 = SHA256()
    private var md5 = MD5()
    private(set) var sha256Hex = ""
    private(set) var sha256Digest: [UInt8] = []
    private(set) var md5Hex = ""
    private(set) var failure: String?
    /// A CRC-32 of the bytes, kept only when the client says it will claim one (`x-amz-checksum-crc32`).
    var crc32: CRC32?
    /// The trailers of an aws-chunked body (its checksums), once it has all arrived.
    var trailers: [(name: String, value: String)] = []

    /// A new spool file in `folder`.
    init(folder: String, requestId: String) throws(APISpoolError) {
        _ = Posix.makeDirectories(folder)
        path = folder + "/.upload-" + requestId
        switch Posix.createExclusive(path, mode: 0o640) {
        case .success(let opened): fd = opened
        case .failure(let errno): throw APISpoolError(description: "cannot create \(path): \(errno)")
        }
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        sha256.update(bytes)
        md5.update(bytes)
        crc32?.update(bytes)
        size += Int64(bytes.count)
        if case .failure(let errno) = Posix.writeAll(fd, bytes) {
            failure = "cannot write \(path): \(errno)"
        }
    }

    /// Flushed to disk and closed: the digests are final. False when a write failed (the disk is full).
    func finish() -> Bool {
        sha256Digest = sha256.finalize()
        sha256Hex = Hex.lowercase(sha256Digest)
        md5Hex = md5.finalizeHex()
        if failure == nil, case .failure(let errno) = Posix.sync(fd) { failure = "cannot flush \(path): \(errno)" }
        _ = Posix.close(fd)
        fd = -1
        return failure == nil
    }

    /// Removes the spool files a previous sluiced left when it stopped mid-upload: no client waits for them any
    /// more (multipart uploads, kept in `.multipart`, survive a restart as S3's do).
    static func removeLeftovers(in folder: String) -> Int {
        guard case .success(let names) = Posix.directoryEntries(folder) else { return 0 }
        let leftovers = names.filter { $0.hasPrefix(".upload-") }
        for name in leftovers { Posix.removeQuietly(folder + "/" + name) }
        return leftovers.count
    }

    /// Removes the file (a refused or failed upload leaves nothing behind).
    func discard() {
        if fd >= 0 {
            _ = Posix.close(fd)
            fd = -1
        }
        Posix.removeQuietly(path)
    }
}

struct APISpoolError: Error, CustomStringConvertible {
    var description: String
}
