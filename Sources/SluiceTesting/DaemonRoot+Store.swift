import SluiceEngine
import SluiceInterpreter
import SluiceStore
import SluiceVocabulary

/// sluice.db read as the `sluice` commands read it (read-only, beside a running sluiced): what a test waits on
/// and checks, without starting a process for each look.
extension DaemonRoot {
    /// The store, or nil before sluiced made it.
    package func store() -> SluiceDatabase? { try? SluiceDatabase(readingAt: paths.store) }

    /// The executions recorded, newest first; `status` keeps only those with it.
    package func executions(status: ExecutionStatus? = nil) -> [ExecutionRecord] {
        (try? store()?.executions(status: status)) ?? []
    }

    /// The execution named `arn`, if recorded.
    package func execution(_ arn: String) -> ExecutionRecord? { try? store()?.execution(arn) }

    /// The map runs recorded, newest first.
    package func mapRuns() -> [MapRunRecord] { (try? store()?.mapRuns()) ?? [] }

    /// Whether sluiced recorded the object `key` of `bucket` as reported: its event was routed and what it
    /// started recorded, in one transaction.
    package func recorded(_ bucket: String, _ key: String) -> Bool {
        ((try? store()?.objects()) ?? []).contains { $0.bucket == bucket && $0.key == key }
    }

    /// Whether nothing is left to do: no hand-off recorded and not done, no delivery waiting, no execution
    /// running. What a negative check waits for: after it, anything done twice would have shown.
    package var isIdle: Bool {
        guard let store = store() else { return false }
        return (try? store.pendingHandoffCount()) == 0 && (try? store.pendingDeliveryCount()) == 0
            && (try? store.executions(status: .running))?.isEmpty == true
    }
}

extension DaemonRoot {
    /// Every topic delivery's record as sluiced saved it (JSON: Status, Attempts, LastFailure, ...).
    package func deliveryRecords() -> [String] { (try? store()?.deliveries()) ?? [] }
}
