import SluiceTesting
import Testing

/// sluiced inside the test process (the test kit's InProcessDaemon), each test on its own temporary root, driven
/// as a user drives it: files dropped into buckets, `sluice` commands, topic folders and subscriber output read
/// back. Everything here gains nothing from the real binary, so the tests run side by side; what only the binary
/// shows (SIGKILL and crash recovery, fault points, the lock, signals, relative roots) is DaemonEndToEndTests.
@Suite struct InProcessDaemonTests {}
