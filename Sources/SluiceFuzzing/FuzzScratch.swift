import SluiceLinux

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
}
