import Foundation
import SluiceAWS
import SluiceEngine
import SluiceLinux

/// The bucket folders under var/lib/sluice/buckets as S3 writes them: every object arrives by one rename into
/// place, from a spooled upload or a hidden temporary file of the bucket's own folder, so the watcher sees it
/// appear whole, once, as it sees a file moved in by hand.
struct BucketFolders: Sendable {
    let paths: SluicePaths

    /// The folder of an existing bucket, or NoSuchBucket.
    func folder(_ bucket: String) throws(AWSError) -> String {
        guard BucketName.isFolderName(bucket), let real = Posix.realPath(paths.buckets + "/" + bucket),
            Posix.status(real)?.isDirectory == true
        else { throw S3Errors.noSuchBucket(bucket) }
        return real
    }

    /// The buckets, by name, with the time their folder was last changed (S3's CreationDate has no better source).
    func list() -> [(name: String, modifiedNanoseconds: Int64)] {
        guard case .success(let names) = Posix.directoryEntries(paths.buckets) else { return [] }
        return names.filter(BucketName.isFolderName).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .compactMap { name in
                guard let status = Posix.status(paths.buckets + "/" + name), status.isDirectory else { return nil }
                return (name, status.modifiedNanoseconds)
            }
    }

    /// Moves `file` to `key` of the bucket in `folder` with one rename, making the key's folders; the file's status
    /// once in place. A file on another file system is copied into a hidden temporary file first.
    func place(_ file: String, in folder: String, key: String) throws(AWSError) -> FileStatus {
        if let problem = S3Address.problem(withKey: key) {
            throw S3Errors.invalidArgument("sluice cannot store \(key): \(problem)")
        }
        let target = folder + "/" + key
        let parent = String(target[..<target.lastIndex(of: "/")!])
        if case .failure(let failure) = Posix.makeDirectories(parent) {
            throw S3Errors.invalidArgument(
                "sluice keeps objects as files: a folder for \(key) cannot be made (\(failure.message)); a key above it is an object"
            )
        }
        var source = file
        if case .failure(let failure) = Posix.rename(source, to: target) {
            guard failure.code == EXDEV else { throw Self.placementError(key, failure) }
            source = try join([file], into: folder)
            if case .failure(let failure) = Posix.rename(source, to: target) {
                Posix.removeQuietly(source)
                throw Self.placementError(key, failure)
            }
        }
        Posix.syncDirectory(parent)
        guard let status = Posix.status(target) else { throw S3Errors.internalError("\(key) vanished once placed") }
        return status
    }

    /// A hidden temporary file in `folder` holding `sources` one after another, flushed to disk: what a copy or a
    /// completed multipart upload renames into place.
    func join(_ sources: [String], into folder: String) throws(AWSError) -> String {
        let temporary = folder + "/.sluice-" + UUID().uuidString.lowercased() + ".tmp"
        let fd: Int32
        switch Posix.createExclusive(temporary, mode: 0o660) {
        case .success(let opened): fd = opened
        case .failure(let failure): throw S3Errors.internalError("cannot create \(temporary): \(failure.message)")
        }
        var failed: Posix.Errno?
        for source in sources where failed == nil {
            if case .failure(let failure) = Posix.append(contentsOf: source, to: fd) { failed = failure }
        }
        if failed == nil, case .failure(let failure) = Posix.sync(fd) { failed = failure }
        if case .failure(let failure) = Posix.close(fd), failed == nil { failed = failure }
        if let failed {
            Posix.removeQuietly(temporary)
            throw S3Errors.internalError("cannot write \(temporary): \(failed.operation): \(failed.message)")
        }
        return temporary
    }

    private static func placementError(_ key: String, _ failure: Posix.Errno) -> AWSError {
        if failure.code == EISDIR || failure.code == ENOTDIR || failure.code == EEXIST || failure.code == ENOTEMPTY {
            return S3Errors.invalidArgument("sluice keeps objects as files: \(key) is a folder of other keys")
        }
        return S3Errors.internalError("cannot put \(key) in place: \(failure.message)")
    }
}
