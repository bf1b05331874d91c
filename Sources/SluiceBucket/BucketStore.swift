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

    /// Whether a file with this name can be an object.

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

    // MARK: - Internals shared with the readers

    /// A listed object before its ETag is computed (hashing every file is the expensive part of a listing).
    struct Entry {
        var location: ObjectLocation
        var status: FileStatus
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
        guard Self.isInside(real, root: root) else {
            throw .invalidKey(bucket: bucket, key: key, "it is a symlink to a file outside the bucket")
        }
        guard Posix.status(real)?.isRegularFile == true else { throw .noSuchKey(bucket: bucket, key: key) }
        return ObjectLocation(bucket: bucket, key: key, path: real)
    }

    /// Every object under `prefix`, sorted as S3 sorts keys.
    func listEntries(bucket: String, prefix: String) throws(ItemReaderError) -> [Entry] {
        let root = try bucketDirectory(bucket)
        var entries: [Entry] = []
        walk(bucket: bucket, root: root, directory: root, keyPrefix: "", prefix: Array(prefix.utf8), into: &entries)
        entries.sort { $0.location.key.utf8.lexicographicallyPrecedes($1.location.key.utf8) }
        return entries
    }

    private func walk(
        bucket: String,
        root: String,
        directory: String,
        keyPrefix: String,
        prefix: [UInt8],
        into entries: inout [Entry]
    ) {
        // A folder that vanished or cannot be read lists as empty, as a prefix with no objects does.
        guard let names = Posix.directoryEntries(directory) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = directory + "/" + name
            let key = keyPrefix + name
            guard let link = Posix.linkStatus(path) else { continue }
            if link.isDirectory {
                let folderKey = Array((key + "/").utf8)
                // Descend only where keys can still match: the folder is inside the prefix or the prefix inside it.
                guard folderKey.starts(with: prefix) || prefix.starts(with: folderKey) else { continue }
                walk(bucket: bucket, root: root, directory: path, keyPrefix: key + "/", prefix: prefix, into: &entries)
                continue
            }
            guard ObjectName.isObject(name), key.utf8.starts(with: prefix) else { continue }
            if link.isRegularFile {
                entries.append(Entry(location: ObjectLocation(bucket: bucket, key: key, path: path), status: link))
            } else if link.isSymbolicLink, let real = Posix.realPath(path), Self.isInside(real, root: root),
                let target = Posix.status(real), target.isRegularFile
            {
                // A symlink to a file inside the bucket is that file under another key; links to folders are not
                // followed (they could loop) and links leaving the bucket are ignored.
                entries.append(Entry(location: ObjectLocation(bucket: bucket, key: key, path: real), status: target))
            }
        }
    }

    /// Byte-wise, unlike String.hasPrefix: canonically equivalent spellings are different folders on disk.
    static func isInside(_ path: String, root: String) -> Bool {
        path.utf8.starts(with: (root + "/").utf8)
    }

    func summary(of entry: Entry) throws(ItemReaderError) -> BucketObjectSummary {
        let etag = try ETagCache.shared.etag(of: entry.location, status: entry.status)
        return BucketObjectSummary(
            key: entry.location.key,
            size: entry.status.size,
            etag: "\"\(etag)\"",
            lastModified: S3Time.iso8601(nanoseconds: entry.status.modifiedNanoseconds),
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
