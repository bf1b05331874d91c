import Logging
import SluiceASL
import SluiceCore
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

extension ExecutionRun {
    /// Records a new execution's start with its status change's hand-offs and lets the hand-off that asked for it
    /// go, in one transaction; false when it must not run: it could not be recorded, or an execution of that name
    /// exists already (a hand-off carried out again after a crash, or StartExecution called twice by name).
    func recordStart(
        _ context: ExecutionContext,
        machine: StateMachineDefinition,
        seed: UInt64,
        statusHandoffs: [Handoff],
        logger: Logger
    ) -> Bool {
        let start: ExecutionStart
        do {
            start = try runtime.store.executionStarted(
                context,
                machine: machine,
                input: request.input,
                seed: seed,
                distributedConcurrencyCeiling: distributedConcurrencyCeiling,
                completing: request.handoff?.id,
                handoffs: statusHandoffs
            )
        } catch {
            logger.error("cannot save the execution's start (its hand-off is carried on after a restart): \(error)")
            return false
        }
        switch start {
        case .started(let stored):
            FaultPoint.startAfterCommit.reach()
            runtime.handoffs.dispatch(stored)
            return true
        case .exists(let record):
            if (try? JSONParser.parse(record.input)) == request.input {
                logger.info("execution exists already with the same input: StartExecution is a no-op")
            } else {
                logger.error(
                    "rule \(request.rule): ExecutionAlreadyExists: an execution named \(context.executionName) exists with another input: not started"
                )
            }
            return false
        }
    }

    /// As EventBridge does for a target it cannot reach: the StartExecution of a state machine that does not exist
    /// is tried again with back-off within the target's RetryPolicy (a state machine saved a moment later still
    /// gets the event), each try recorded on the hand-off so a restart keeps the count; then the event is dropped.
    func retryLater() {
        let logger = runtime.logger
        let metadata: Logger.Metadata = ["sluice.state.machine": .string(request.machine)]
        guard var handoff = request.handoff, let id = handoff.id else {
            logger.error("no state machine named \(request.machine): not started", metadata: metadata)
            return
        }
        let now = runtime.clock.now().epochMilliseconds
        guard handoff.attempts < request.retry.maximumRetryAttempts,
            now - handoff.createdMillis < Int64(request.retry.maximumEventAgeInSeconds) * 1000
        else {
            logger.error(
                "rule \(request.rule): no state machine named \(request.machine): event dropped after \(handoff.attempts + 1) attempts",
                metadata: metadata
            )
            do {
                try runtime.store.database.completeHandoff(id)
            } catch {
                logger.error("cannot drop hand-off \(handoff.subject): \(error)", metadata: metadata)
            }
            return
        }
        logger.warning(
            "rule \(request.rule): no state machine named \(request.machine) (state-machines/\(request.machine).asl.json): retrying",
            metadata: metadata
        )
        handoff.attempts += 1
        handoff.dueMillis = now + Int64(min(60_000, 1000 << min(handoff.attempts - 1, 6)))
        do {
            try runtime.store.database.postponeHandoff(id, attempts: handoff.attempts, dueMillis: handoff.dueMillis)
        } catch {
            logger.error("cannot record the retry of hand-off \(handoff.subject): \(error)", metadata: metadata)
        }
        FaultPoint.retryAfterCommit.reach()
        runtime.handoffs.dispatch([handoff])
    }
}
