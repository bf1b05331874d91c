/// A bucket and key, compared and hashed as bytes.
///
/// String equality is canonical equivalence, so "café" spelled with a combining accent would equal the precomposed
/// spelling; on disk (and in S3) those are two different names, and the watcher must not mix up their objects.
struct ObjectKey: Hashable, Comparable, Sendable {
    /// S3's longest key, in UTF-8 bytes: a file whose path in its bucket is longer is no object.
    static let maximumLength = 1_024

    var bucket: String
    var key: String

    static func == (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.bucket.utf8.elementsEqual(rhs.bucket.utf8) && lhs.key.utf8.elementsEqual(rhs.key.utf8)
    }

    func hash(into hasher: inout Hasher) {
        for byte in bucket.utf8 { hasher.combine(byte) }
        // A separator no name contains keeps ("ab", "c") and ("a", "bc") apart.
        hasher.combine(0 as UInt8)
        for byte in key.utf8 { hasher.combine(byte) }
    }

    /// S3's order: by bucket, then keys compared as UTF-8 bytes.
    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        if !lhs.bucket.utf8.elementsEqual(rhs.bucket.utf8) {
            return lhs.bucket.utf8.lexicographicallyPrecedes(rhs.bucket.utf8)
        }
        return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }

    /// Whether the key lies under a folder prefix ("a/b/"); the empty prefix holds the whole bucket.
    func isUnder(bucket: String, prefix: String) -> Bool {
        self.bucket.utf8.elementsEqual(bucket.utf8) && key.utf8.starts(with: prefix.utf8)
    }
}
