import Glibc
import SluiceLinux

/// Why the bucket watcher could not do something: a failed system call (named, with its errno) or a buckets
/// folder that is not there.
///
/// The description says what an operator can act on, including which kernel limit to raise when inotify runs out
/// of watches or instances.
package struct WatchError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case systemCall(function: String, errno: Int32, path: String?)
        case notADirectory(path: String)
        case notAnObject(path: String, reason: String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// A system call failed with `errno`; `path` is the file it was about, when there is one.
    package static func systemCall(_ function: String, errno: Int32, path: String? = nil) -> WatchError {
        WatchError(.systemCall(function: function, errno: errno, path: path))
    }

    /// The folder to watch or scan does not exist or is not a folder.
    package static func notADirectory(_ path: String) -> WatchError {
        WatchError(.notADirectory(path: path))
    }

    /// A file in a bucket that S3 could not hold, so it is no object: a FIFO, a symlink leading out of the bucket,
    /// a key longer than S3's 1,024 bytes. Said once per sighting, so that whoever dropped it can find out why nothing
    /// happened.
    package static func notAnObject(_ path: String, _ reason: String) -> WatchError {
        WatchError(.notAnObject(path: path, reason: reason))
    }

    /// The name of the failed system call, if a system call failed.
    package var function: String? {
        if case .systemCall(let function, _, _) = code { return function }
        return nil
    }

    /// The errno value of the failed system call, if a system call failed.
    package var errno: Int32? {
        if case .systemCall(_, let errno, _) = code { return errno }
        return nil
    }

    /// The file or folder the error is about, if any.
    package var path: String? {
        switch code {
        case .systemCall(_, _, let path): path
        case .notADirectory(let path): path
        case .notAnObject(let path, _): path
        }
    }

    package var description: String {
        switch code {
        case .notADirectory(let path):
            return "\(path) is not a folder"
        case .notAnObject(let path, let reason):
            return "\(path) is not an object: \(reason)"
        case .systemCall(let function, let errno, let path):
            var text = path.map { "\(function)(\($0))" } ?? function
            text += ": \(Posix.message(errno)) (errno \(errno))"
            // The two inotify limits are per user and set by sysctl; naming them saves a trip to the man page.
            if function == "inotify_add_watch" && errno == ENOSPC {
                text += "; the inotify watch limit is reached (raise fs.inotify.max_user_watches)"
            } else if function == "inotify_init1" && errno == EMFILE {
                text += "; the inotify instance limit is reached (raise fs.inotify.max_user_instances)"
            }
            return text
        }
    }
}
