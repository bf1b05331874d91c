import Foundation
import Glibc
import SluiceEngine
import SluiceLinux
import Synchronization

/// One root, one sluiced: the daemon holds an exclusive lock on ROOT/run/sluice/sluiced.lock for its whole life, so
/// a second sluiced on the same root refuses to start instead of reporting the same uploads again. The lock is
/// flock(2)'s: the kernel drops it when its holder dies, so a sluiced killed with SIGKILL leaves nothing that stops
/// the next one. The file keeps the holder's pid, for the message.
final class DaemonLock: Sendable {
    /// The lock file's descriptor while the lock is held; -1 once let go.
    private let descriptor: Atomic<Int32>

    /// Takes the lock, or throws saying which sluiced holds it.
    init(paths: SluicePaths) throws {
        let folder = paths.runtime
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/sluiced.lock"
        // Close-on-exec: workers and subscriber scripts must not inherit, and so keep, the lock.
        let fd: Int32
        switch Posix.retrying("open", { open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }) {
        case .success(let opened): fd = opened
        case .failure(let failure): throw DaemonError("cannot open the lock file \(file): \(failure.message)")
        }
        if case .failure(let failure) = Posix.retrying("flock", { flock(fd, LOCK_EX | LOCK_NB) }) {
            let reason = failure.code
            let holder = (try? String(contentsOfFile: file, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            guard reason == EWOULDBLOCK else {
                throw DaemonError("cannot lock \(file): \(failure.message)")
            }
            let who = holder.flatMap { $0.isEmpty ? nil : "another sluiced (pid \($0))" } ?? "another sluiced"
            throw DaemonError(
                "\(who) is already running on root \(paths.root): it holds \(file); one root is served by one sluiced"
            )
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = Atomic(fd)
    }

    /// Lets the lock go (closing the file drops it); once, whoever asks first.
    func release() {
        let fd = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 { close(fd) }
    }

    deinit { release() }
}
