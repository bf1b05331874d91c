import Glibc

/// Runs a system call that returns -1 and sets errno on failure, retrying when a signal interrupted it.
///
/// The error names the call (and the path, when given) so a log line says which operation failed on what.
@inline(__always)
func systemCall<Result: FixedWidthInteger>(
    _ function: String,
    path: String? = nil,
    _ body: () -> Result
) throws(WatchError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if code == EINTR { continue }
        throw .systemCall(function, errno: code, path: path)
    }
}

/// Like `systemCall`, for a call on a non-blocking descriptor: nil when it would block instead of an error.
@inline(__always)
func nonBlockingSystemCall<Result: FixedWidthInteger>(
    _ function: String,
    _ body: () -> Result
) throws(WatchError) -> Result? {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return nil }
        throw .systemCall(function, errno: code)
    }
}
