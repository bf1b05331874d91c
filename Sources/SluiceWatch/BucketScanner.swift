import SluiceLinux

/// Lists every object in every bucket, for catching up after the daemon was down.
///
/// The daemon compares the result with the objects it has already reported: keys that are new or whose state
/// differs were written while it was down, keys it knows that are missing were deleted. Objects follow the bucket
/// store's rules (no hidden or temporary names, no symlinks out of the bucket).
package enum BucketScanner {
    /// Every object under `bucketsDirectory`, sorted by bucket and then by key as S3 sorts keys (UTF-8 bytes).
    ///
    /// Folders that cannot be read are skipped and passed to `onProblem`; only an unreadable buckets folder fails.
    package static func scan(
        bucketsDirectory: String,
        onProblem: @escaping (WatchError) -> Void = { _ in }
    ) throws(WatchError) -> [ObjectState] {
        guard Posix.status(bucketsDirectory)?.isDirectory == true else {
            throw .notADirectory(bucketsDirectory)
        }
        let walker = BucketWalker(enterDirectory: { _, _, _, _ in true }, onProblem: onProblem)
        var found: [BucketWalker.Found] = []
        for bucket in try BucketWalker.buckets(in: bucketsDirectory).get() {
            walker.walk(bucket: bucket.name, bucketRoot: bucket.root, directory: bucket.root, prefix: "", into: &found)
        }
        return found.sorted { $0.key < $1.key }.map(\.state)
    }
}
