import Glibc
import SluiceCore
import SluiceLinux

/// Walks the buckets folder the way the bucket store lists it (`DirectoryWalker`): which folders are buckets and
/// prefixes, which files are objects.
///
/// Folders whose name starts with "." are skipped whole; file names must pass `ObjectName.isObject`. Symlinks
/// to folders are never followed (they could loop or leave the bucket), except that a bucket itself may be a
/// symlink to a folder; a symlink to a file is an object only when it resolves to a regular file inside its bucket.
struct BucketWalker {
    /// A file that is an object.
    struct Found {
        var key: ObjectKey
        /// Where the object's name is: for a symlink, the link (its target is checked again when it is read).
        var path: String
        /// The real path of the bucket folder, which the object must stay inside.
        var bucketRoot: String
        /// About the file itself, or the file a symlink leads to.
        var info: FileStatus
        var isLink: Bool

        /// What the watcher's decisions need to know of it.
        var sighting: WatchSession.Sighting {
            WatchSession.Sighting(key: key, path: path, bucketRoot: bucketRoot, identity: info.identity, isLink: isLink)
        }

        var state: ObjectState {
            ObjectState(
                bucket: key.bucket,
                key: key.key,
                size: info.size,
                modifiedNanoseconds: info.modifiedNanoseconds,
                inode: info.inode
            )
        }
    }

    /// Called for every folder before it is listed, so that a watch set there sees whatever arrives after the
    /// listing; returns false to leave the folder out.
    var enterDirectory: (_ path: String, _ bucket: String, _ bucketRoot: String, _ prefix: String) -> Bool
    /// Told about folders that could not be read.
    var onProblem: (WatchError) -> Void

    /// The buckets in the buckets folder: name and real path of each.
    static func buckets(in bucketsDirectory: String) -> Result<[(name: String, root: String)], WatchError> {
        Posix.directoryEntries(bucketsDirectory).mapError { WatchError.failed($0, path: bucketsDirectory) }.map {
            names in
            names.compactMap { name in bucketRoot(bucketsDirectory: bucketsDirectory, name: name).map { (name, $0) } }
        }
    }

    /// The real path of bucket `name`, or nil when that name is not a bucket.
    static func bucketRoot(bucketsDirectory: String, name: String) -> String? {
        guard !name.hasPrefix("."), !name.contains("/") else { return nil }
        let path = bucketsDirectory + "/" + name
        guard Posix.status(path)?.isDirectory == true else { return nil }
        return Posix.realPath(path)
    }

    /// Whether a file at `path` is an object, and what it holds: the file itself, or the regular file inside the
    /// bucket that a symlink leads to.
    static func objectFile(at path: String, bucketRoot: String) -> (info: FileStatus, isLink: Bool)? {
        DirectoryWalker.file(at: path, root: bucketRoot).map { ($0.status, $0.isLink) }
    }

    /// Every object in `directory` (a folder of `bucket` whose keys start with `prefix`) and the folders below it.
    func walk(bucket: String, bucketRoot: String, directory: String, prefix: String, into found: inout [Found]) {
        let walker = DirectoryWalker(
            enterDirectory: { path, prefix in enterDirectory(path, bucket, bucketRoot, prefix) },
            acceptsName: ObjectName.isObject,
            onUnreadable: { path, failure in
                // A folder that vanished before it was listed simply has no objects any more.
                if failure.code != ENOENT && failure.code != ENOTDIR { onProblem(.failed(failure, path: path)) }
            }
        )
        var files: [DirectoryWalker.File] = []
        walker.walk(root: bucketRoot, directory: directory, relativePrefix: prefix, into: &files)
        for file in files {
            found.append(
                Found(
                    key: ObjectKey(bucket: bucket, key: file.relativePath),
                    path: file.path,
                    bucketRoot: bucketRoot,
                    info: file.status,
                    isLink: file.isLink
                )
            )
        }
    }
}
