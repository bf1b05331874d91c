import ServiceLifecycle
import SluiceEngine
import SluiceWatch

/// sluiced's ear for `RequestDoorbell`: an inotify watch on the state folder that wakes `ControlService` when a
/// `sluice` command rings after writing a request.
struct RequestDoorbellWatch {
    private let inotify: Inotify
    private var events: Inotify.AsyncIterator

    /// Makes the doorbell and watches it; nil when either cannot be done (ControlService then looks on its timer).
    /// The folder is watched, not the file, so a doorbell removed and made again still rings.
    init?(paths: SluicePaths) {
        guard RequestDoorbell.install(paths), let inotify = try? Inotify(),
            (try? inotify.addWatch(paths.state, mask: [.closeWrite, .onlyDirectory])) != nil
        else { return nil }
        self.inotify = inotify
        events = inotify.makeAsyncIterator()
    }

    /// Returns when the doorbell rings (at once for a ring since the last return), when `timeout` passes, when a
    /// graceful shutdown begins or the task is cancelled. Rings queued together are one: every request they announce
    /// is already in the store when the caller looks.
    mutating func wait(atMost timeout: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let inotify = self.inotify
        await withGracefulShutdownHandler {
            while true {
                let left = deadline - clock.now
                guard left > .zero, case .event(let event)? = try? await events.next(timeout: left) else { return }
                if event.name == RequestDoorbell.fileName {
                    try? events.discardQueued()
                    return
                }
            }
        } onGracefulShutdown: {
            inotify.interrupt()
        }
    }

    /// Stops watching (the folder's descriptor is released with the last copy).
    func close() {
        inotify.close()
    }
}
