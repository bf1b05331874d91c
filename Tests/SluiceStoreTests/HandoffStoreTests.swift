import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceVocabulary
import Testing

/// The outbox in sluice.db: hand-offs recorded with what they follow from, once each, until done.
struct HandoffStoreTests {
    let path = NSTemporaryDirectory() + "sluice-store-" + UUID().uuidString + "/sluice.db"

    func handoff(_ subject: String, kind: Handoff.Kind = .startExecution) -> Handoff {
        Handoff(kind: kind, subject: subject, body: #"{"Name":"\#(subject)"}"#, createdMillis: 1_000)
    }

    func execution(_ arn: String, input: String = "{}") -> ResumableExecution {
        ResumableExecution(
            record: ExecutionRecord(
                executionArn: arn,
                stateMachineArn: "arn:aws:states:local:0:stateMachine:m",
                name: "n",
                status: .running,
                startDate: 1,
                input: input
            ),
            stateMachineName: "m",
            definition: "{}",
            seed: 7,
            startMillis: 1_000
        )
    }

    @Test("An object is reported with its hand-offs in one transaction; a hand-off of the same subject is stored once")
    func reportedWithHandoffs() throws {
        let db = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let object = StoredObject(bucket: "inbox", key: "a.csv", size: 3, modifiedNanoseconds: 1, inode: 9)
        let stored = try db.record(
            object: object,
            deleted: false,
            sequencer: "01",
            handoffs: [handoff("x"), handoff("y")]
        )
        #expect(stored.map(\.subject) == ["x", "y"])
        #expect(stored.allSatisfy { $0.id != nil })
        #expect(try db.objects().map(\.key) == ["a.csv"])
        // The same subject again (a step run twice) is the one waiting, not a second.
        #expect(try db.handOff([handoff("x")]).isEmpty)
        #expect(try db.handOff([handoff("x", kind: .publish)]).count == 1)
        #expect(try db.pendingHandoffs().map(\.subject) == ["x", "y", "x"])
        #expect(try db.pendingHandoff(kind: .startExecution, subject: "y")?.body == #"{"Name":"y"}"#)
    }

    @Test("A start takes its hand-off away in the same transaction; a second start of that ARN finds the first")
    func startCompletesTheHandoff() throws {
        let db = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let asked = try #require(try db.handOff([handoff("arn:e1")]).first?.id)
        let started = try db.startExecution(
            execution("arn:e1"),
            completing: asked,
            handoffs: [handoff("status", kind: .publish)]
        )
        guard case .started(let follow) = started else {
            Issue.record("expected a start, got \(started)")
            return
        }
        #expect(follow.map(\.subject) == ["status"])
        #expect(try db.pendingHandoffs().map(\.subject) == ["status"])
        let again = try #require(try db.handOff([handoff("arn:e1")]).first?.id)
        guard case .exists(let record) = try db.startExecution(execution("arn:e1"), completing: again) else {
            Issue.record("expected the execution to exist")
            return
        }
        #expect(record.status == .running)
        // The replayed hand-off is gone too; the execution is still one.
        #expect(try db.pendingHandoffs().map(\.subject) == ["status"])
        #expect(try db.executions().count == 1)
    }

    @Test("A postponed hand-off keeps its attempts and due time; a done one leaves; the watermark sees later ones")
    func postponeAndComplete() throws {
        let db = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try #require(try db.handOff([handoff("a")]).first?.id)
        try db.postponeHandoff(first, attempts: 3, dueMillis: 9_000)
        let pending = try #require(try db.pendingHandoffs().first)
        #expect(pending.attempts == 3 && pending.dueMillis == 9_000 && pending.createdMillis == 1_000)
        let second = try #require(try db.handOff([handoff("b")]).first?.id)
        #expect(try db.handoffs(after: first).map(\.id) == [second])
        try db.completeHandoff(first)
        #expect(try db.pendingHandoffs().map(\.subject) == ["b"])
        #expect(try db.pendingHandoffCount() == 1)
    }
}
