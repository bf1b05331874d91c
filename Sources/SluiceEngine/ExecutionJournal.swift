import SluiceASL
import SluiceVocabulary

/// Where a running execution's handled events go, in order, so that after a restart the execution can be rebuilt
/// by handing the interpreter the same events again (the daemon's journal is sluice.db). Recording must be cheap:
/// it is called for every event; the journal groups its writes.
package protocol ExecutionJournal: Sendable {
    func record(sequence: Int, at time: Timestamp, entry: JournalEntry)
}

/// An event from a journal, to replay: when it was handled and what it was.
package struct ReplayedEvent: Sendable, Hashable {
    package var time: Timestamp
    package var entry: JournalEntry

    package init(time: Timestamp, entry: JournalEntry) {
        self.time = time
        self.entry = entry
    }
}
