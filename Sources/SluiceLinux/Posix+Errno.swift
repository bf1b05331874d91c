#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Posix {
    /// An errno value with the call that produced it, kept for the error message; each module maps it to its own
    /// error (WatchError, ItemReaderError, ResultWriterError) where the failure means something there.
    package struct Errno: Error, Hashable {
        package var code: Int32
        /// The system call, e.g. "open" or "rename".
        package var operation: String

        package init(code: Int32, operation: String = "") {
            self.code = code
            self.operation = operation
        }

        /// What the system calls the value, e.g. "No space left on device".
        package var message: String { Posix.message(code) }
    }
}
