import Glibc
import SluiceLinux

extension Inotify {
    /// The inotify system calls, each named in the error it raises.
    enum SystemCalls {
        /// A new inotify instance: non-blocking, so reads never park a thread, and closed on exec, so worker
        /// processes do not inherit it.
        static func initialize() throws(WatchError) -> Int32 {
            try Posix.retrying("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
                .mapError { WatchError.failed($0) }.get()
        }

        static func addWatch(_ descriptor: Int32, path: String, mask: Mask) throws(WatchError) -> Int32 {
            try Posix.retrying("inotify_add_watch") { inotify_add_watch(descriptor, path, mask.rawValue) }
                .mapError { WatchError.failed($0, path: path) }.get()
        }

        /// Removes a watch; a watch the kernel already dropped (its folder is gone) is not an error.
        static func removeWatch(_ descriptor: Int32, watch: Int32) {
            _ = inotify_rm_watch(descriptor, watch)
        }

        /// Reads queued events into `buffer`; nil when none are queued.
        static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(WatchError) -> Int? {
            try Posix.retryingNonBlocking("read") { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
                .mapError { WatchError.failed($0) }.get()
        }

        static func close(_ descriptor: Int32) {
            // close(2) must not be retried on EINTR on Linux: the descriptor is released either way.
            Posix.closeFile(descriptor)
        }
    }
}
