import CSluiceLinux

extension Posix {
    /// Whether some process still has the file open for writing: true or false, nil when that cannot be told (a
    /// file of another user without CAP_LEASE, a file system without leases, a file gone).
    ///
    /// The watcher asks before reporting a file it found by listing: a writer that pauses longer than the settle
    /// delay leaves the file unchanged for that long, but while it holds the file open the upload is not over.
    package static func isOpenForWriting(_ path: String) -> Bool? {
        switch sluice_open_for_writing(path) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }
}
