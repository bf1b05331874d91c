import Foundation
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

extension DaemonStore {
    /// Records an execution as RUNNING at its start, with what it needs to resume after a restart, in one
    /// transaction with the hand-off that asked for it (removed) and those its status change routes to.
    func executionStarted(
        _ context: ExecutionContext,
        machine: StateMachineDefinition,
        input: JSONValue,
        seed: UInt64,
        distributedConcurrencyCeiling: Int,
        completing handoff: Int64?,
        handoffs: [Handoff]
    ) throws -> ExecutionStart {
        try database.startExecution(
            ResumableExecution(
                record: ExecutionRecord(
                    executionArn: context.executionArn,
                    stateMachineArn: context.stateMachineArn,
                    name: context.executionName,
                    status: .running,
                    startDate: Self.seconds(context.startTime),
                    input: input.serialized()
                ),
                stateMachineName: context.stateMachineName,
                definition: machine.sourceText ?? "",
                seed: seed,
                startMillis: context.startTime.epochMilliseconds,
                distributedConcurrencyCeiling: distributedConcurrencyCeiling
            ),
            completing: handoff,
            handoffs: handoffs
        )
    }

    /// Records how an execution ended, with its whole history and the hand-offs its status change routes to, in one
    /// transaction; answers the hand-offs stored.
    func executionEnded(
        _ execution: Execution,
        input: JSONValue,
        outcome: ExecutionOutcome,
        at stop: Timestamp,
        handoffs: [Handoff]
    ) throws -> [Handoff] {
        let context = execution.context
        var record = ExecutionRecord(
            executionArn: context.executionArn,
            stateMachineArn: context.stateMachineArn,
            name: context.executionName,
            status: outcome.status,
            startDate: Self.seconds(context.startTime),
            stopDate: Self.seconds(stop),
            input: input.serialized(),
            redriveCount: execution.redriveCount
        )
        switch outcome {
        case .succeeded(let output): record.output = output.serialized()
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            record.error = error
            record.cause = cause
        }
        let history = execution.history.map { event in
            StoredHistoryEvent(
                id: event.id,
                type: event.type,
                timestamp: Self.seconds(event.timestamp),
                document: event.json.serialized()
            )
        }
        return try database.saveExecution(record, history: history, handoffs: handoffs)
    }

    /// Marks executions a previous sluiced left RUNNING, except those resumed, as ABORTED; their ARNs.
    func abortRunningExecutions(except resumed: Set<String>) throws -> [String] {
        try database.abortRunningExecutions(
            at: Date().timeIntervalSince1970,
            cause: "sluiced stopped while the execution was running, and it could not be resumed",
            except: resumed
        )
    }

    static func seconds(_ t: Timestamp) -> Double { Double(t.epochMilliseconds) / 1000 }

    /// An execution's journal, ready to replay; throws when an event cannot be read back.
    func replayableJournal(_ executionArn: String) throws -> [ReplayedEvent] {
        try database.journal(executionArn).map { event in
            guard let entry = JournalEntry(json: try JSONParser.parse(event.event)) else {
                throw JournalUnreadable(sequence: event.sequence)
            }
            return ReplayedEvent(time: Timestamp(epochMilliseconds: event.timestampMillis), entry: entry)
        }
    }

    /// Records that a redrive starts: RUNNING again, its outcome cleared, the redrive counted.
    func redriveStarted(_ record: ExecutionRecord) throws {
        var record = record
        record.status = .running
        record.stopDate = nil
        record.output = nil
        record.error = nil
        record.cause = nil
        record.redriveCount += 1
        try database.saveExecution(record)
    }
}

/// A journal event this sluice cannot read (written by another version).
struct JournalUnreadable: Error, CustomStringConvertible {
    var sequence: Int
    var description: String { "journal event \(sequence) is unreadable" }
}
