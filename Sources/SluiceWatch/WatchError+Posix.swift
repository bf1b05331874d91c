import SluiceLinux

extension WatchError {
    /// The watcher's words for a failed system call, `path` the file it was about.
    static func failed(_ failure: Posix.Errno, path: String? = nil) -> WatchError {
        .systemCall(failure.operation, errno: failure.code, path: path)
    }
}
