import SluiceJSON
import SluiceTesting
import Synchronization
import Testing

@testable import SluiceWorkers

/// A remote worker's Timeout: one watchdog per agent, sleeping until the deadline of the invocation in flight.
struct RemoteWorkerTimeoutTests {
    /// A worker whose lines are recorded, and whether its connection was closed.
    final class Connection: Sendable {
        let lines = Mutex<[[UInt8]]>([])
        let closed = Atomic(false)

        func worker() -> RemoteWorker {
            RemoteWorker(
                function: "f",
                agent: "a",
                node: "n",
                send: { line in self.lines.withLock { $0.append(line) } },
                close: { self.closed.store(true, ordering: .relaxed) }
            )
        }

        var sent: Int { lines.withLock { $0.count } }
        var isClosed: Bool { closed.load(ordering: .relaxed) }
    }

    @Test("Answered invocations, then one that is not: it times out at its own deadline and the agent serves no more")
    func timesOutAfterAnswers() async throws {
        let connection = Connection()
        let worker = connection.worker()
        for n in 0..<3 {
            // 2 s to answer: room for a machine that stalls the test between the request and its answer.
            let invocation = Task { await worker.invoke(line: [UInt8(n)], requestId: "r\(n)", timeout: 2) }
            try await eventually("request \(n) sent") { connection.sent == n + 1 }
            worker.received(answer: ["requestId": .string("r\(n)"), "result": .int(n)])
            guard case .success(let result) = await invocation.value else {
                Issue.record("request \(n) failed")
                return
            }
            #expect(result == .int(n))
        }
        // The watchdog started for the first request's deadline sleeps again until this one's.
        let started = ContinuousClock.now
        let outcome = await worker.invoke(line: [9], requestId: "late", timeout: 2.5)
        let waited = ContinuousClock.now - started
        guard case .failure(let error) = outcome else {
            Issue.record("an unanswered request succeeded")
            return
        }
        #expect(error.errorType == "Sandbox.Timedout")
        #expect(error.requestId == "late")
        #expect(waited >= .milliseconds(2500))
        #expect(connection.isClosed)
        #expect(!worker.isAlive)
        // An answer after the timeout is dropped.
        worker.received(answer: ["requestId": .string("late"), "result": .int(9)])
    }

    @Test("A cancelled invocation fails as Sandbox.Cancelled and closes the connection")
    func cancelled() async throws {
        let connection = Connection()
        let worker = connection.worker()
        let invocation = Task { await worker.invoke(line: [1], requestId: "r", timeout: 60) }
        try await eventually("the request sent") { connection.sent == 1 }
        invocation.cancel()
        guard case .failure(let error) = await invocation.value else {
            Issue.record("a cancelled invocation succeeded")
            return
        }
        #expect(error.errorType == "Sandbox.Cancelled")
        #expect(connection.isClosed)
        #expect(!worker.isAlive)
    }
}
