import SluiceJSON
import SluiceTesting
import Synchronization
import Testing

@testable import SluiceWorkers

/// The roster hands a function's agents out one invocation at a time: waiters in arrival order, a cancelled waiter
/// out of the queue, an agent that comes back to the longest waiter.
struct AgentRosterTests {
    /// The order the waiters were served in.
    final class Served: Sendable {
        private let order = Mutex<[Int]>([])

        func record(_ n: Int) { order.withLock { $0.append(n) } }
        var all: [Int] { order.withLock { $0 } }
    }

    static func agent(_ name: String) -> RemoteWorker {
        RemoteWorker(function: "f", agent: name, node: "n", send: { _ in }, close: {})
    }

    @Test("An agent is one invocation's at a time; waiters get it in arrival order, and waiting counts them")
    func arrivalOrder() async throws {
        let roster = AgentRoster()
        let agent = Self.agent("a")
        await roster.add(agent)
        #expect(await roster.counts("f") == (idle: 1, busy: 0))
        let first = try #require(await roster.checkout("f"))
        #expect(first === agent)
        #expect(await roster.counts("f") == (idle: 0, busy: 1))
        let served = Served()
        let waiters = (0..<3).map { n in
            Task {
                let worker = await roster.checkout("f")
                served.record(n)
                if let worker { roster.checkin(worker) }
            }
        }
        // Queued one after the other, so their arrival order is known.
        for (n, _) in waiters.enumerated() {
            try await eventually("waiter \(n) queued") { await roster.waiting("f") >= n + 1 }
        }
        #expect(await roster.waiting("f") == 3)
        #expect(await roster.waiting("other") == 0)
        roster.checkin(agent)
        for waiter in waiters { await waiter.value }
        #expect(served.all == [0, 1, 2])
        #expect(await roster.waiting("f") == 0)
        #expect(await roster.counts("f") == (idle: 1, busy: 0))
    }

    @Test("A cancelled waiter leaves the queue: the agent goes to the next one")
    func cancelledWaiter() async throws {
        let roster = AgentRoster()
        let agent = Self.agent("a")
        await roster.add(agent)
        let taken = try #require(await roster.checkout("f"))
        let cancelled = Task { await roster.checkout("f") }
        try await eventually("the first waiter queued") { await roster.waiting("f") == 1 }
        let next = Task { await roster.checkout("f") }
        try await eventually("the second waiter queued") { await roster.waiting("f") == 2 }
        cancelled.cancel()
        #expect(await cancelled.value == nil)
        #expect(await roster.waiting("f") == 1)
        roster.checkin(taken)
        #expect(await next.value === agent)
    }

    @Test("A lost agent is never handed out again; its invocation fails as a crashed worker's")
    func lostAgent() async throws {
        let roster = AgentRoster()
        let agent = Self.agent("a")
        await roster.add(agent)
        let taken = try #require(await roster.checkout("f"))
        let invocation = Task { await taken.invoke(line: [], requestId: "r1", timeout: 60) }
        try await eventually("the invocation in flight") { taken.isBusy }
        taken.lost(reason: "its connection closed")
        await roster.remove(taken)
        guard case .failure(let error) = await invocation.value else {
            Issue.record("a lost agent's invocation succeeded")
            return
        }
        #expect(error.errorType == "Runtime.ExitError")
        roster.checkin(taken)
        #expect(await roster.counts("f") == (idle: 0, busy: 0))
    }
}
