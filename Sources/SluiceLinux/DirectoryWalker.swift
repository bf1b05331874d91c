/// Walks a folder tree the way sluice lists buckets: names starting with "." are skipped (hidden files and
/// everything inside hidden folders), symlinks to folders are never followed (they could loop or leave the tree),
/// and a symlink to a file counts only when it resolves to a regular file inside the tree's root.
///
/// The one walker behind the bucket store's listing and the watcher's scans; what a name must look like to be an
/// object, and what to do with a folder before it is listed, are theirs to say.
package struct DirectoryWalker {
    /// A file found: a regular file, or a symlink to a regular file inside the root.
    package struct File {
        /// The path below the root, "/" between folders: an object's key within its bucket.
        package var relativePath: String
        /// Where the name is: for a symlink, the link itself (its target is checked again when it is read).
        package var path: String
        /// For a symlink, the real path of the file it leads to; otherwise `path`.
        package var resolvedPath: String
        /// About the file itself, or the file a symlink leads to.
        package var status: FileStatus
        package var isLink: Bool
    }

    /// Called for every folder before it is listed (the starting one included) with its path and its relative
    /// path ending in "/" ("" for the root); returns false to leave the folder out.
    package var enterDirectory: (_ path: String, _ relativePrefix: String) -> Bool
    /// Which file names can be objects (folders are entered whatever their name, unless hidden).
    package var acceptsName: (String) -> Bool
    /// Told about folders that could not be listed.
    package var onUnreadable: (_ path: String, _ failure: Posix.Errno) -> Void

    package init(
        enterDirectory: @escaping (_ path: String, _ relativePrefix: String) -> Bool = { _, _ in true },
        acceptsName: @escaping (String) -> Bool,
        onUnreadable: @escaping (_ path: String, _ failure: Posix.Errno) -> Void = { _, _ in }
    ) {
        self.enterDirectory = enterDirectory
        self.acceptsName = acceptsName
        self.onUnreadable = onUnreadable
    }

    /// Every file in `directory` (a folder of the tree at `root` whose relative paths start with `relativePrefix`)
    /// and the folders below it, in no particular order.
    package func walk(root: String, directory: String, relativePrefix: String, into found: inout [File]) {
        guard enterDirectory(directory, relativePrefix) else { return }
        let names: [String]
        switch Posix.directoryEntries(directory) {
        case .success(let list): names = list
        case .failure(let failure):
            onUnreadable(directory, failure)
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = directory + "/" + name
            guard let link = Posix.linkStatus(path) else { continue }
            if link.isDirectory {
                walk(root: root, directory: path, relativePrefix: relativePrefix + name + "/", into: &found)
                continue
            }
            guard acceptsName(name), let file = Self.file(at: path, status: link, root: root) else { continue }
            found.append(
                File(
                    relativePath: relativePrefix + name,
                    path: path,
                    resolvedPath: file.resolvedPath,
                    status: file.status,
                    isLink: link.isSymbolicLink
                )
            )
        }
    }

    /// What a name in the tree holds when it is a file: itself, or the regular file inside `root` that a symlink
    /// leads to; nil for anything else.
    package static func file(at path: String, root: String) -> (resolvedPath: String, status: FileStatus, isLink: Bool)?
    {
        guard let link = Posix.linkStatus(path), let file = file(at: path, status: link, root: root) else {
            return nil
        }
        return (file.resolvedPath, file.status, link.isSymbolicLink)
    }

    private static func file(
        at path: String,
        status link: FileStatus,
        root: String
    ) -> (resolvedPath: String, status: FileStatus)? {
        if link.isRegularFile { return (path, link) }
        guard link.isSymbolicLink, let target = Posix.realPath(path), Posix.isInside(target, root: root),
            let status = Posix.status(target), status.isRegularFile
        else { return nil }
        return (target, status)
    }
}
