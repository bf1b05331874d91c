import Foundation
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary
import Synchronization
import Testing

@testable import SluiceDaemon

/// The journal writer sleeps until something is recorded, with no timer: `waitForRecords` returns once a record
/// (or an ended map run child) came since it last returned, at once for one that came before it began, and when
/// its task is cancelled.
struct JournalDoorbellTests {
    let folder = NSTemporaryDirectory() + "sluice-doorbell-" + UUID().uuidString

    @Test("a wait returns at once for a record made before it, waits for the next one, and ends when cancelled")
    func waitsForRecords() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try SluiceDatabase(path: folder + "/sluice.db")
        let journal = DaemonJournal(database: database)
        let arn = "arn:aws:states:local:000000000000:execution:m:e"
        let execution = journal.execution(arn)
        let time = Timestamp(epochMilliseconds: 1_000)

        // Recorded before the wait: it returns without one more.
        execution.record(sequence: 1, at: time, entry: .event(.redrive))
        await journal.waitForRecords()

        // Nothing recorded since: the wait holds until a record comes.
        let woken = Mutex(false)
        let waiter = Task {
            await journal.waitForRecords()
            woken.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!woken.withLock { $0 })
        try journal.flush()
        execution.record(sequence: 2, at: time, entry: .event(.redrive))
        await waiter.value
        #expect(woken.withLock { $0 })

        // Nothing recorded and the task cancelled: the wait ends.
        let cancelled = Task { await journal.waitForRecords() }
        try await Task.sleep(for: .milliseconds(100))
        cancelled.cancel()
        await cancelled.value
        try journal.flush()
        #expect(try database.journal(arn).count == 2)

        // A map run's child that ended rings too: the writer wakes for the row ListExecutions reads.
        journal.childEnded(
            mapRunArn: "arn:aws:states:local:000000000000:mapRun:m/r:1",
            record: ChildExecutionRecord(
                executionArn: "arn:aws:states:local:000000000000:execution:m/r:c",
                name: "c",
                stateMachineArn: "arn:aws:states:local:000000000000:stateMachine:m/r",
                input: .null,
                output: .null,
                error: nil,
                cause: nil,
                status: .succeeded,
                startDate: time,
                stopDate: time,
                itemCount: 1
            )
        )
        await journal.waitForRecords()
    }
}
