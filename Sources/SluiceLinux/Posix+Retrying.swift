#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Posix {
    /// Runs a system call that returns -1 and sets errno on failure, again whenever a signal interrupted it; the
    /// errno value, named after `operation`, on any other failure.
    ///
    /// The one EINTR loop in sluice: every module's system calls go through it (or through the wrappers built on
    /// it here), so none of them forgets the retry or retries a call that must not be (close).
    @inline(__always)
    package static func retrying<Value: FixedWidthInteger>(
        _ operation: String,
        _ body: () -> Value
    ) -> Result<Value, Errno> {
        while true {
            let value = body()
            if value != -1 { return .success(value) }
            let code = errno
            if code != EINTR { return .failure(Errno(code: code, operation: operation)) }
        }
    }

    /// Like `retrying`, for a call on a non-blocking descriptor: nil when it would block instead of a failure.
    @inline(__always)
    package static func retryingNonBlocking<Value: FixedWidthInteger>(
        _ operation: String,
        _ body: () -> Value
    ) -> Result<Value?, Errno> {
        while true {
            let value = body()
            if value != -1 { return .success(value) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .success(nil) }
            return .failure(Errno(code: code, operation: operation))
        }
    }
}
