import SluiceInterpreter
import Synchronization

/// The histories of the executions running now, as their runners hand them over (the new events, each time a
/// runner waits): GetExecutionHistory reads a running execution's here, an ended one's from sluice.db.
final class RunningHistories: Sendable {
    private let histories = Mutex<[String: [HistoryEvent]]>([:])

    func append(_ executionArn: String, _ events: [HistoryEvent]) {
        histories.withLock { $0[executionArn, default: []] += events }
    }

    func remove(_ executionArn: String) {
        _ = histories.withLock { $0.removeValue(forKey: executionArn) }
    }

    func events(_ executionArn: String) -> [HistoryEvent]? {
        histories.withLock { $0[executionArn] }
    }
}
