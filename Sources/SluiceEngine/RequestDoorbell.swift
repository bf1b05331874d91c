import Glibc

/// The file beside sluice.db that `sluice` commands touch once they have written a request (start-execution, stop,
/// redrive, a task token's answer, `map-runs update`, `publish`): sluiced watches it with inotify and reads the
/// store's requests at once, where it used to read them every 200 ms, asleep or not (most of an idle sluiced's CPU).
///
/// A ring is opening the file for writing and closing it (inotify's IN_CLOSE_WRITE); nothing is written. It is a
/// hint, never the request itself: a ring that cannot be made (no doorbell, no permission) only means sluiced finds
/// the request on its slower timer.
package enum RequestDoorbell {
    package static let fileName = "requests.doorbell"

    /// Rings the doorbell of the sluiced on `paths`, if it has one.
    package static func ring(_ paths: SluicePaths) {
        // Never created here (that is sluiced's), never through a symlink, and never waiting on a FIFO put there.
        let fd = open(paths.requestDoorbell, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if fd >= 0 { close(fd) }
    }

    /// Makes the doorbell if it is missing: readable and writable by sluiced's group, as sluice.db is (the umask
    /// decides the rest, 0007 under systemd). False when it cannot be made or is not a regular file.
    package static func install(_ paths: SluicePaths) -> Bool {
        let fd = open(paths.requestDoorbell, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o660)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        return fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
