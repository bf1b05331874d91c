import CSystemd
import Glibc

/// Talks to systemd through libsystemd's sd_notify: READY=1, STATUS=, WATCHDOG=1, RELOADING=1, STOPPING=1.
/// Outside systemd (no NOTIFY_SOCKET) every call is a cheap no-op.
package struct SystemdNotifier: Sendable {
    package init() {}

    /// Whether systemd is listening (the unit is Type=notify).
    package var isActive: Bool { getenvString("NOTIFY_SOCKET") != nil }

    /// The watchdog interval systemd expects pings at, if the unit sets WatchdogSec.
    package var watchdogInterval: Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }

    package func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    package func status(_ status: String) { send("STATUS=\(status)") }
    package func watchdog() { send("WATCHDOG=1") }
    /// RELOADING=1 with the monotonic timestamp systemd 253+ wants; older ones ignore it.
    package func reloading() { send("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds())") }
    package func stopping() { send("STOPPING=1") }

    private func send(_ message: String) {
        guard isActive else { return }
        _ = sd_notify(0, message)
    }

    private func getenvString(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    private func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}
