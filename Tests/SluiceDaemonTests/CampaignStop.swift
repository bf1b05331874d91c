import Synchronization

/// Raised by the kill campaign's signals once they are done: the loops making uploads and starting executions
/// beside them stop making new work.
final class CampaignStop: Sendable {
    private let flag = Mutex(false)

    var raised: Bool { flag.withLock { $0 } }

    func raise() { flag.withLock { $0 = true } }
}
