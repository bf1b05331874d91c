import Foundation
import Synchronization

/// Moments between two steps of a hand-off where a test can have sluiced killed, to show that a restart carries
/// the hand-off on exactly once. Armed with `SLUICE_FAULT=NAME` (the first time it is reached) or `NAME@N` (the
/// N-th time) in sluiced's environment: sluiced then says so on stderr and sends itself SIGKILL there. Unarmed,
/// reaching one costs a comparison.
package enum FaultPoint: String, Sendable, CaseIterable {
    /// An object's event routed, before the transaction that marks it reported with its hand-offs.
    case intakeBeforeCommit = "intake.before-commit"
    /// That transaction committed, before its hand-offs are carried out.
    case intakeAfterCommit = "intake.after-commit"
    /// An execution recorded as started (its hand-off gone), before it runs.
    case startAfterCommit = "start.after-commit"
    /// An execution recorded as ended with its status change's hand-offs, before those are carried out.
    case endAfterCommit = "end.after-commit"
    /// A rule target's message stored in its topic, before it is delivered.
    case publishAfterStore = "publish.after-store"
    /// An execution's sns:publish stored its message, before the delivery is recorded.
    case executionPublishAfterStore = "execution-publish.after-store"
    /// The delivery of that message recorded, before it is carried out.
    case executionPublishAfterCommit = "execution-publish.after-commit"
    /// A StartExecution whose state machine does not exist postponed to its next try.
    case retryAfterCommit = "retry.after-commit"
    /// A `sluice start-execution` answered with its hand-off recorded, before it is carried out.
    case controlAfterCommit = "control.after-commit"

    /// Kills sluiced here if this is the armed point's armed time.
    package func reach() { FaultArming.current.reach(self) }
}

/// What SLUICE_FAULT armed, read once.
package final class FaultArming: Sendable {
    static let current = FaultArming(ProcessInfo.processInfo.environment["SLUICE_FAULT"])

    let point: FaultPoint?
    let time: Int
    private let reached = Atomic<Int>(0)

    init(_ setting: String?) {
        let parts = (setting ?? "").split(separator: "@", maxSplits: 1).map(String.init)
        point = parts.first.flatMap(FaultPoint.init(rawValue:))
        time = parts.count > 1 ? max(1, Int(parts[1]) ?? 1) : 1
    }

    func reach(_ here: FaultPoint) {
        guard here == point, reached.add(1, ordering: .relaxed).newValue == time else { return }
        FileHandle.standardError.write(Data("sluiced: fault point \(here.rawValue) reached: SIGKILL\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
