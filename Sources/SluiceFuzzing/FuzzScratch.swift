import SluiceLinux
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The folder the item-reader targets write their object into: one per process, made on first use under
/// `$TMPDIR` (or /tmp), so several fuzzers and the replay test can run side by side.
enum FuzzScratch {
    static let bucketsDirectory: String = {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        let path = "\(base)/sluice-fuzz-\(getpid())"
        guard (try? AtomicFile.createDirectory(path + "/fuzz")) != nil else {
            fatalError("cannot make \(path)/fuzz")
        }
        return path
    }()

    private static let counter = Atomic<Int>(0)

    /// A fresh object key.
    static func nextKey() -> String {
        "object-\(counter.add(1, ordering: .relaxed).newValue)"
    }
}
