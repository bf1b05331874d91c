import Foundation
import SluiceVocabulary
import SluiceWatch
import Synchronization
import Testing

/// Issue 19's burst, small and in the normal suite: a real kernel queue overflow (the default limit, 16,384 events,
/// left alone), not a simulated one. The watcher is set but not read while 2,000 objects are written into 20
/// prefixes and hidden scratch files churn beside them; the kernel queues more events than it holds and drops the
/// rest. Reading then meets IN_Q_OVERFLOW, the rescan lists everything: each object is reported once.
@Suite(.timeLimit(.minutes(5)))
struct QueueOverflowBurstTests {
    @Test("a real inotify queue overflow during a burst: every object reported exactly once, the overflow told")
    func realOverflow() async throws {
        let fixture = try WatchFixture()
        let prefixes = 20
        let objects = 2_000
        for p in 0..<prefixes { try fixture.makeFolder("inbox/p\(p)") }
        let overflows = Atomic<Int>(0)
        let watcher = try BucketWatcher(
            bucketsDirectory: fixture.buckets,
            factory: ObjectEventFactory(),
            configuration: BucketWatcher.Configuration(
                settleDelay: .milliseconds(100),
                onQueueOverflow: { overflows.add(1, ordering: .relaxed) }
            )
        )
        // Nothing reads the watcher yet: every event stays in the kernel's queue. Two each for the objects (create,
        // close), three for each hidden scratch file (create, close, delete), which the watcher ignores: well over
        // the 16,384 the queue holds. Round-robin, so that no event repeats the one before (the kernel merges those).
        for i in 0..<objects {
            try write(fixture.path("inbox/p\(i % prefixes)/f\(i).csv"), "id\n\(i)\n")
        }
        for i in 0..<6_000 {
            let scratch = fixture.path("inbox/p\(i % prefixes)/.scratch\(i % 7)")
            try write(scratch, "x")
            unlink(scratch)
        }
        let recorder = Recorder(watcher: watcher, problems: Problems(), buckets: fixture.buckets)
        let events = try await recorder.events(count: objects)
        let keys = events.filter { $0.kind == .created }.map(\.key)
        #expect(overflows.load(ordering: .relaxed) == 1)
        #expect(keys.count == objects)
        #expect(Set(keys) == Set((0..<objects).map { "p\($0 % prefixes)/f\($0).csv" }))
        #expect(events.allSatisfy { $0.kind == .created })
        try await recorder.stop()
    }

    /// open, write, close: one create and one close-write event.
    private func write(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0, "open \(path): errno \(errno)")
        defer { close(fd) }
        let written = Array(text.utf8).withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        try #require(written == text.utf8.count)
    }
}
