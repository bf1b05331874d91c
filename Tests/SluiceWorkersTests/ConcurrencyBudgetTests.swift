import SluiceTesting
import Testing

@testable import SluiceWorkers

/// The budget's slots: taken while free, waited for in arrival order once the pool is full, passed on when given
/// back; a cancelled waiter leaves the queue.
struct ConcurrencyBudgetTests {
    @Test("A full pool: waiters get released slots in arrival order; a cancelled waiter throws and leaves the queue")
    func waiters() async throws {
        let budget = ConcurrencyBudget(maxWorkers: 1, reservations: [:])
        let first = try await budget.acquire("f")
        #expect(first.waited == false)
        #expect(budget.running(in: .shared) == 1)
        let cancelled = Task { try await budget.acquire("f") }
        let next = Task { try await budget.acquire("f") }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        budget.release(first.pool)
        #expect(try await next.value.waited)
        // The slot passed on: still one in use, none once it is given back.
        #expect(budget.running(in: .shared) == 1)
        budget.release(.shared)
        #expect(budget.running(in: .shared) == 0)
    }
}
