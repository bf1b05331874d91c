import Synchronization
import Testing

@testable import SluiceDaemon

/// The deliveries' bound (issue 19's burst: a task per delivery of a 100,000-execution burst took sluiced past
/// 900 MiB): every element is carried out, never more than the limit at once, whatever the backlog.
struct BoundedWorkTests {
    @Test("a backlog of 500 runs every element once, at most 8 at once, beside the work alongside")
    func boundedBacklog() async {
        let (stream, sink) = AsyncStream<Int>.makeStream()
        // The whole backlog is queued before anything runs, as in a burst.
        for i in 0..<500 { sink.yield(i) }
        sink.finish()
        let running = Mutex(0)
        let most = Mutex(0)
        let done = Mutex<[Int]>([])
        let alongside = Atomic<Bool>(false)
        await BoundedWork.forEach(stream, limit: 8, alongside: { alongside.store(true, ordering: .relaxed) }) {
            element in
            let now = running.withLock { count in
                count += 1
                return count
            }
            most.withLock { $0 = max($0, now) }
            try? await Task.sleep(for: .microseconds(200))
            running.withLock { $0 -= 1 }
            done.withLock { $0.append(element) }
        }
        let finished = done.withLock { $0.sorted() }
        let largest = most.withLock { $0 }
        let ranAlongside = alongside.load(ordering: .relaxed)
        #expect(finished == Array(0..<500))
        #expect(largest <= 8)
        #expect(largest >= 2)
        #expect(ranAlongside)
    }
}
