import SluiceStore
import Synchronization

/// Which hand-offs this sluiced has taken up, so that its poll of the outbox finds those that others record
/// (`sluice publish` records the delivery of the message it stored): every hand-off past the mark that this sluiced
/// did not dispatch itself. A hand-off found both ways is carried out twice, which its idempotence makes harmless.
final class HandoffWatermark: Sendable {
    private struct State {
        var mark: Int64 = 0
        var own: Set<Int64> = []
    }

    private let state = Mutex(State())

    /// The highest hand-off id looked at so far.
    var mark: Int64 { state.withLock { $0.mark } }

    /// Hand-offs this sluiced carries out itself.
    func own(_ handoffs: [Handoff]) {
        state.withLock { state in
            for case let id? in handoffs.map(\.id) where id > state.mark { state.own.insert(id) }
        }
    }

    /// Of `rows` (hand-offs past the mark), those this sluiced has not taken up; the mark moves past them all.
    func foreign(_ rows: [Handoff]) -> [Handoff] {
        state.withLock { state in
            let found = rows.filter { row in row.id.map { $0 > state.mark && !state.own.contains($0) } ?? false }
            state.mark = max(state.mark, rows.compactMap(\.id).max() ?? 0)
            state.own = state.own.filter { $0 > state.mark }
            return found
        }
    }
}
