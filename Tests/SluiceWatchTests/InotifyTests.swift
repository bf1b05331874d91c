import Foundation
import SluiceWatch
import Testing

@Suite(.timeLimit(.minutes(1)))
struct InotifyTests {
    @Test("a file closed after writing is one event with its name, read on demand")
    func closeWrite() async throws {
        let fixture = try WatchFixture()
        let inotify = try Inotify()
        let watch = try inotify.addWatch(fixture.buckets, mask: [.closeWrite, .create])
        var iterator = inotify.makeAsyncIterator()

        try fixture.write("new file ✓", "x")

        let created = try await iterator.next()
        #expect(created == Inotify.Event(watchDescriptor: watch, mask: .create, nameBytes: Array("new file ✓".utf8)))
        let closed = try await iterator.next()
        #expect(closed?.mask == .closeWrite && closed?.name == "new file ✓")
    }

    @Test("a wait times out, and a pending interrupt ends the next wait at once")
    func timeoutAndInterrupt() async throws {
        let fixture = try WatchFixture()
        let inotify = try Inotify()
        _ = try inotify.addWatch(fixture.buckets, mask: .create)
        var iterator = inotify.makeAsyncIterator()

        guard case .timedOut = try await iterator.next(timeout: .milliseconds(20)) else {
            Issue.record("expected a timeout")
            return
        }
        inotify.interrupt()
        guard case .interrupted = try await iterator.next(timeout: .seconds(30)) else {
            Issue.record("expected the interrupt")
            return
        }
        try fixture.makeFolder("bucket")
        guard case .event(let event) = try await iterator.next(timeout: .seconds(30)) else {
            Issue.record("expected an event")
            return
        }
        #expect(event.mask == [.create, .isDirectory] && event.name == "bucket")
    }

    @Test("closing or cancelling ends the sequence")
    func ending() async throws {
        let inotify = try Inotify()
        let waiting = Task {
            var iterator = inotify.makeAsyncIterator()
            return try await iterator.next()
        }
        try await Task.sleep(for: .milliseconds(20))
        inotify.close()
        #expect(try await waiting.value == nil)

        let other = try Inotify()
        let cancelled = Task {
            var iterator = other.makeAsyncIterator()
            return try await iterator.next()
        }
        cancelled.cancel()
        #expect(try await cancelled.value == nil)
    }

    @Test("a failed system call is named, with its errno and path")
    func errors() throws {
        let inotify = try Inotify()
        let error = #expect(throws: WatchError.self) {
            try inotify.addWatch("/nonexistent/folder", mask: .create)
        }
        #expect(error?.function == "inotify_add_watch")
        #expect(error?.errno == ENOENT)
        #expect(error?.description == "inotify_add_watch(/nonexistent/folder): No such file or directory (errno 2)")
        #expect(
            WatchError.systemCall("inotify_add_watch", errno: ENOSPC).description
                == "inotify_add_watch: No space left on device (errno 28); the inotify watch limit is reached "
                + "(raise fs.inotify.max_user_watches)"
        )
    }
}
