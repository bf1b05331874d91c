import Foundation
import SluiceASL
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceVocabulary
import Synchronization

/// The executions' journal in sluice.db: events are buffered as they are handled and written in groups (by
/// `JournalWriterService`, and before an execution's end is saved), so durability costs one transaction per group,
/// not one per event. What a crash loses is the last group: those events' causes happen again (an invocation runs
/// again).
package final class DaemonJournal: Sendable {
    private let database: SluiceDatabase
    private let buffer = Mutex<[JournaledEvent]>([])
    /// Tells the writer that something was recorded: an idle sluiced then has no timer waking it to find nothing to
    /// write (that polling, every 50 ms, was about half of an idle sluiced's CPU).
    private let doorbell = Mutex(Doorbell())
    /// Distributed Map children that ended, written with the next group (ListExecutions of a map run reads them).
    private let children = Mutex<[ChildExecutionRow]>([])
    /// Held for a whole take-and-write, so a flush that returns has written everything recorded before it.
    private let writing = Mutex<Void>(())
    /// Told how long each group's transaction took (the journal's write latency metric).
    private let onWrite: (@Sendable (Duration) -> Void)?

    package init(database: SluiceDatabase, onWrite: (@Sendable (Duration) -> Void)? = nil) {
        self.database = database
        self.onWrite = onWrite
    }

    /// A journal for one execution.
    package func execution(_ executionArn: String) -> Journal {
        Journal(executionArn: executionArn, owner: self)
    }

    fileprivate func append(_ event: JournaledEvent) {
        buffer.withLock { $0.append(event) }
        ring()
    }

    /// A map run's child execution that ended.
    package func childEnded(mapRunArn: String, record: ChildExecutionRecord) {
        let row = ChildExecutionRow(mapRunArn: mapRunArn, record: record)
        children.withLock { $0.append(row) }
        ring()
    }

    private func ring() {
        doorbell.withLock { $0.ring() }?.resume()
    }

    /// Returns once something has been recorded since the last call returned (at once if it has), or when the
    /// task is cancelled.
    package func waitForRecords() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let rung = doorbell.withLock { $0.wait(waiter) }
                if rung || Task.isCancelled { doorbell.withLock { $0.cancel() }?.resume() }
            }
        } onCancel: {
            doorbell.withLock { $0.cancel() }?.resume()
        }
    }

    /// Writes what is buffered, in one transaction.
    package func flush() throws {
        try writing.withLock { _ in
            // Children first: a child is added after the event that ended it was, so the events taken next hold the
            // end of every child taken, and a child saved never outlives its end after a crash (replayed, it comes
            // back with the same start date, its key, and replaces itself).
            let ended = children.withLock { children -> [ChildExecutionRow] in
                defer { children.removeAll(keepingCapacity: true) }
                return children
            }
            let pending = buffer.withLock { buffer -> [JournaledEvent] in
                defer { buffer.removeAll(keepingCapacity: true) }
                return buffer
            }
            do {
                if pending.isEmpty, ended.isEmpty { return }
                let start = ContinuousClock.now
                try database.appendJournal(pending, children: ended)
                onWrite?(ContinuousClock.now - start)
            } catch {
                // Kept, in order, for the next try.
                buffer.withLock { $0.insert(contentsOf: pending, at: 0) }
                children.withLock { $0.insert(contentsOf: ended, at: 0) }
                throw error
            }
        }
    }

    /// One execution's side of the journal: what LocalRunner records into.
    package struct Journal: ExecutionJournal {
        let executionArn: String
        let owner: DaemonJournal

        package func record(sequence: Int, at time: Timestamp, entry: JournalEntry) {
            owner.append(
                JournaledEvent(
                    executionArn: executionArn,
                    sequence: sequence,
                    timestampMillis: time.epochMilliseconds,
                    event: entry.json.serialized()
                )
            )
        }
    }
}
