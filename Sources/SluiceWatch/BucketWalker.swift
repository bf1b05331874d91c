import Glibc
import SluiceCore

/// Walks the buckets folder the way the bucket store lists it: which folders are buckets and prefixes, which files
/// are objects.
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
        var info: FileInfo
        var isLink: Bool

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
        FileSystem.entries(bucketsDirectory).map { names in
            names.compactMap { name in bucketRoot(bucketsDirectory: bucketsDirectory, name: name).map { (name, $0) } }
        }
    }

    /// The real path of bucket `name`, or nil when that name is not a bucket.
    static func bucketRoot(bucketsDirectory: String, name: String) -> String? {
        guard !name.hasPrefix("."), !name.contains("/") else { return nil }
        let path = bucketsDirectory + "/" + name
        guard FileSystem.info(path)?.kind == .directory else { return nil }
        return FileSystem.realPath(path)
    }

    /// Whether a file at `path` is an object, and what it holds: the file itself, or the regular file inside the
    /// bucket that a symlink leads to.
    static func objectFile(at path: String, bucketRoot: String) -> (info: FileInfo, isLink: Bool)? {
        guard let info = FileSystem.linkInfo(path) else { return nil }
        switch info.kind {
        case .regular:
            return (info, false)
        case .symbolicLink:
            guard let target = FileSystem.realPath(path), FileSystem.isInside(target, root: bucketRoot),
                let targetInfo = FileSystem.info(target), targetInfo.kind == .regular
            else { return nil }
            return (targetInfo, true)
        case .directory, .other:
            return nil
        }
    }

    /// Every object in `directory` (a folder of `bucket` whose keys start with `prefix`) and the folders below it.
    func walk(bucket: String, bucketRoot: String, directory: String, prefix: String, into found: inout [Found]) {
        guard enterDirectory(directory, bucket, bucketRoot, prefix) else { return }
        let names: [String]
        switch FileSystem.entries(directory) {
        case .success(let list):
            names = list
        case .failure(let error):
            // A folder that vanished before it was listed simply has no objects any more.
            if error.errno != ENOENT && error.errno != ENOTDIR { onProblem(error) }
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = directory + "/" + name
            guard let info = FileSystem.linkInfo(path) else { continue }
            if info.kind == .directory {
                walk(bucket: bucket, bucketRoot: bucketRoot, directory: path, prefix: prefix + name + "/", into: &found)
                continue
            }
            guard ObjectName.isObject(name), let object = Self.objectFile(at: path, bucketRoot: bucketRoot)
            else { continue }
            found.append(
                Found(
                    key: ObjectKey(bucket: bucket, key: prefix + name),
                    path: path,
                    bucketRoot: bucketRoot,
                    info: object.info,
                    isLink: object.isLink
                )
            )
        }
    }
}
