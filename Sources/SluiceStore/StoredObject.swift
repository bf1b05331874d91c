/// A bucket object as the store remembers it: enough to tell whether it changed while sluiced was down.
package struct StoredObject: Sendable, Hashable {
    package var bucket: String
    package var key: String
    package var size: Int
    package var modifiedNanoseconds: Int64
    package var inode: UInt64

    package init(bucket: String, key: String, size: Int, modifiedNanoseconds: Int64, inode: UInt64) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }
}
