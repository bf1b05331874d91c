import Glibc

/// What `stat` says about a file, reduced to what the watcher needs.
struct FileInfo: Sendable {
    enum Kind: Sendable {
        case regular
        case directory
        case symbolicLink
        case other
    }

    var kind: Kind
    var size: Int
    var inode: UInt64
    var linkCount: UInt64
    /// Modification time, nanoseconds since the epoch.
    var modifiedNanoseconds: Int64

    init(_ s: stat) {
        switch s.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        size = Int(s.st_size)
        inode = UInt64(s.st_ino)
        linkCount = UInt64(s.st_nlink)
        modifiedNanoseconds = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
    }

    /// What changes when the file is rewritten or replaced.
    var identity: FileIdentity {
        FileIdentity(inode: inode, size: size, modifiedNanoseconds: modifiedNanoseconds)
    }
}

/// The inode, size and modification time of a file: if any differs, the content may have changed.
struct FileIdentity: Hashable, Sendable {
    var inode: UInt64
    var size: Int
    var modifiedNanoseconds: Int64
}
