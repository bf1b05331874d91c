#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parts of `struct stat` the bucket store and the watcher use.
package struct FileStatus: Sendable, Hashable {
    package var isRegularFile: Bool
    package var isDirectory: Bool
    package var isSymbolicLink: Bool
    package var size: Int
    package var device: UInt64
    package var inode: UInt64
    /// Hard links to the file: more than one means a name was linked to content already there.
    package var linkCount: UInt64
    /// Modification time, nanoseconds since the epoch.
    package var modifiedNanoseconds: Int64

    package init(_ s: stat) {
        let type = s.st_mode & S_IFMT
        isRegularFile = type == S_IFREG
        isDirectory = type == S_IFDIR
        isSymbolicLink = type == S_IFLNK
        size = Int(s.st_size)
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        linkCount = UInt64(s.st_nlink)
        #if canImport(Glibc)
            modifiedNanoseconds = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        #else
            modifiedNanoseconds = Int64(s.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(s.st_mtimespec.tv_nsec)
        #endif
    }
}
