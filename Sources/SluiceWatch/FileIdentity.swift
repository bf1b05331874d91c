import SluiceLinux

/// The inode, size and modification time of a file: if any differs, the content may have changed.
struct FileIdentity: Hashable, Sendable {
    var inode: UInt64
    var size: Int
    var modifiedNanoseconds: Int64
}

extension FileStatus {
    /// What changes when the file is rewritten or replaced.
    var identity: FileIdentity {
        FileIdentity(inode: inode, size: size, modifiedNanoseconds: modifiedNanoseconds)
    }
}
