/// A bucket object as the store remembers it: enough to tell whether it changed while sluiced was down.
public struct StoredObject: Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var size: Int
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    public init(bucket: String, key: String, size: Int, modifiedNanoseconds: Int64, inode: UInt64) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }
}
