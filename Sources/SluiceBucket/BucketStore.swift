import SluiceCore
import SluiceLinux

/// ROOT/var/lib/sluice/buckets: where bucket objects live.
///
/// Every folder directly under the buckets folder is a bucket, and the path of a file below it, with "/" between
/// folders, is its key. Files whose name starts with "." or ends in .tmp, .part, .partial or ~ are never objects
/// (they are uploads in progress or editor leftovers), and neither is anything inside a folder starting with ".".
package struct BucketStore: Sendable {
    /// The folder holding one folder per bucket.
    package let bucketsDirectory: String

    /// The store under a root folder: root "/" gives /var/lib/sluice/buckets, root "/tmp/x" gives
    /// /tmp/x/var/lib/sluice/buckets (the `--root` convention of sluice and sluiced).
    package init(root: String) {
        let trimmed = root.hasSuffix("/") ? String(root.dropLast()) : root
        bucketsDirectory = trimmed + "/var/lib/sluice/buckets"
    }

    /// The store in the given buckets folder.
    package init(bucketsDirectory: String) {
        self.bucketsDirectory = bucketsDirectory
    }

    /// The file holding an object.
    ///
    /// Refuses keys that could name something outside the bucket ("..", ".", empty folder names, an absolute path,
    /// a symlink leading out of the bucket) and reports keys with no object as NoSuchKey, as S3 does.
    package func objectPath(bucket: String, key: String) throws(ItemReaderError) -> String {
        try location(bucket: bucket, key: key).path
    }

    /// The objects whose key starts with `prefix`, in S3's order (keys compared as UTF-8 bytes).
    package func listObjects(bucket: String, prefix: String) throws(ItemReaderError) -> [BucketObjectSummary] {
        var summaries: [BucketObjectSummary] = []
        for entry in try listEntries(bucket: bucket, prefix: prefix) {
            summaries.append(try summary(of: entry))
        }
        return summaries
    }

    /// One object with its file (S3's GetObject and HeadObject read it), or NoSuchKey.
    package func object(bucket: String, key: String) throws(ItemReaderError) -> (
        path: String, summary: BucketObjectSummary
    ) {
        let location = try location(bucket: bucket, key: key)
        guard let status = Posix.status(location.path), status.isRegularFile else {
            throw .noSuchKey(bucket: bucket, key: key)
        }
        return (location.path, try summary(of: Entry(location: location, status: status)))
    }

    /// Tells the listing the MD5 of a file just written whole at `path` (already known from its upload), so its
    /// ETag is not computed by reading the file again.
    package func remember(md5Hex: String, path: String, status: FileStatus) {
        ETagCache.shared.remember(md5Hex, path: path, status: status)
    }

    // MARK: - Internals shared with the readers

    /// A listed object before its ETag is computed (hashing every file is the expensive part of a listing, so a
    /// page of S3's ListObjectsV2 hashes only its own objects).
    package struct Entry {
        var location: ObjectLocation
        var status: FileStatus

        package var key: String { location.key }
    }

    /// The real path of a bucket's folder, or NoSuchBucket.
    func bucketDirectory(_ bucket: String) throws(ItemReaderError) -> String {
        guard !bucket.isEmpty, !bucket.hasPrefix("."), !bucket.contains("/"), !bucket.utf8.contains(0) else {
            throw .noSuchBucket(bucket)
        }
        guard let real = Posix.realPath(bucketsDirectory + "/" + bucket), Posix.status(real)?.isDirectory == true
        else { throw .noSuchBucket(bucket) }
        return real
    }

    func location(bucket: String, key: String) throws(ItemReaderError) -> ObjectLocation {
        let root = try bucketDirectory(bucket)
        guard !key.isEmpty else { throw .invalidKey(bucket: bucket, key: key, "an object key cannot be empty") }
        guard !key.hasPrefix("/") else {
            throw .invalidKey(bucket: bucket, key: key, "an absolute path would leave the bucket")
        }
        guard !key.utf8.contains(0) else { throw .invalidKey(bucket: bucket, key: key, "it contains a NUL byte") }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            if part == ".." { throw .invalidKey(bucket: bucket, key: key, "\"..\" would leave the bucket") }
            if part == "." || part.isEmpty {
                throw .invalidKey(bucket: bucket, key: key, "\".\" and empty folder names do not map to a file")
            }
        }
        guard parts.allSatisfy({ !$0.hasPrefix(".") }), ObjectName.isObject(String(parts.last!)) else {
            throw .noSuchKey(bucket: bucket, key: key)
        }
        let path = root + "/" + key
        guard let real = Posix.realPath(path) else { throw .noSuchKey(bucket: bucket, key: key) }
        guard real != root, Posix.isInside(real, root: root) else {
            throw .invalidKey(bucket: bucket, key: key, "it is a symlink to a file outside the bucket")
        }
        guard Posix.status(real)?.isRegularFile == true else { throw .noSuchKey(bucket: bucket, key: key) }
        return ObjectLocation(bucket: bucket, key: key, path: real)
    }

    /// Every object under `prefix`, sorted as S3 sorts keys.
    package func listEntries(bucket: String, prefix: String) throws(ItemReaderError) -> [Entry] {
        let root = try bucketDirectory(bucket)
        let prefixBytes = Array(prefix.utf8)
        let walker = DirectoryWalker(
            // Descend only where keys can still match: the folder is inside the prefix or the prefix inside it. A
            // folder that vanished or cannot be read lists as empty, as a prefix with no objects does.
            enterDirectory: { _, folder in
                let folderKey = Array(folder.utf8)
                return folderKey.starts(with: prefixBytes) || prefixBytes.starts(with: folderKey)
            },
            acceptsName: ObjectName.isObject
        )
        var files: [DirectoryWalker.File] = []
        walker.walk(root: root, directory: root, relativePrefix: "", into: &files)
        // A symlink to a file inside the bucket is that file under another key.
        var entries = files.filter { $0.relativePath.utf8.starts(with: prefixBytes) }.map {
            Entry(
                location: ObjectLocation(bucket: bucket, key: $0.relativePath, path: $0.resolvedPath),
                status: $0.status
            )
        }
        entries.sort { $0.location.key.utf8.lexicographicallyPrecedes($1.location.key.utf8) }
        return entries
    }

    package func summary(of entry: Entry) throws(ItemReaderError) -> BucketObjectSummary {
        let etag = try ETagCache.shared.etag(of: entry.location, status: entry.status)
        return BucketObjectSummary(
            key: entry.location.key,
            size: entry.status.size,
            etag: "\"\(etag)\"",
            lastModified: UTCTime.iso8601(nanoseconds: entry.status.modifiedNanoseconds),
            lastModifiedEpochSeconds: Int(entry.status.modifiedNanoseconds.dividedRoundingDown(by: 1_000_000_000))
        )
    }
}

extension Int64 {
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor < 0) ? q - 1 : q
    }
}
