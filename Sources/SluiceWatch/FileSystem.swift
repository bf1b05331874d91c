import Glibc

/// The file system calls the watcher and the scanner make, on paths that never pass through a shell.
///
/// Directory entries are read as bytes: a name that is not valid UTF-8 cannot be an S3 key, so it is left out
/// rather than turned into a different name by replacement characters.
enum FileSystem {
    /// `lstat`: about the path itself, a final symlink included.
    static func linkInfo(_ path: String) -> FileInfo? {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        return FileInfo(s)
    }

    /// `stat`: about what the path leads to, following symlinks.
    static func info(_ path: String) -> FileInfo? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return FileInfo(s)
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a folder, without "." and "..", skipping names that are not UTF-8.
    static func entries(_ path: String) -> Result<[String], WatchError> {
        guard let directory = opendir(path) else { return .failure(.systemCall("opendir", errno: errno, path: path)) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validating: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let name, name != ".", name != ".." else { continue }
            names.append(name)
        }
        return .success(names)
    }

    /// Whether `path` is `root` or lies below it, comparing bytes: canonically equivalent spellings of a name are
    /// different files on disk, which String comparison would treat as equal.
    static func isInside(_ path: String, root: String) -> Bool {
        let path = path.utf8
        let root = root.utf8
        guard path.starts(with: root) else { return false }
        let rest = path.dropFirst(root.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }
}
