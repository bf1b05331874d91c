/// An object as found on disk: where it is and what changes when it is rewritten.
///
/// The daemon keeps these for the objects it has reported; comparing them with a fresh scan after a restart tells
/// which objects appeared, changed or went away while it was down. A symlink to a file inside its bucket is an
/// object too, described by the file it leads to.
package struct ObjectState: Hashable, Sendable {
    /// The bucket: the folder directly under the buckets folder.
    package var bucket: String
    /// The key: the path below the bucket folder, with "/" between folders.
    package var key: String
    /// Bytes.
    package var size: Int
    /// Modification time, nanoseconds since the epoch.
    package var modifiedNanoseconds: Int64
    /// The file's inode: a file replaced by a rename has a new one even when size and time match.
    package var inode: UInt64

    /// An object state with the given values.
    package init(bucket: String, key: String, size: Int, modifiedNanoseconds: Int64, inode: UInt64) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// Whether the file may have changed between the two states (same object or not).
    package func differs(from other: ObjectState) -> Bool {
        size != other.size || modifiedNanoseconds != other.modifiedNanoseconds || inode != other.inode
    }

    var identity: FileIdentity {
        FileIdentity(inode: inode, size: size, modifiedNanoseconds: modifiedNanoseconds)
    }
}
