import Logging
import ServiceLifecycle
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore

/// What reaches sluiced through the store: UpdateMapRun requests (to the executions running those map runs),
/// hand-offs others recorded (`sluice publish`'s deliveries), and the requests of `sluice start-execution`,
/// `executions stop` and `redrive` (answered in the transaction that records what the answer promises). It runs
/// until everything that could use it has stopped.
///
/// The store is read when a `sluice` command rings the request doorbell, and every second besides (a request from a
/// command that could not ring is still taken). Without the doorbell (no inotify) it is read every 200 ms, as it
/// always was before: three queries five times a second were most of what an idle sluiced spent.
struct ControlService: Service {
    let runtime: DaemonRuntime
    static let doorbellFallback: Duration = .seconds(1)
    static let timerInterval: Duration = .milliseconds(200)

    func run() async throws {
        var doorbell = RequestDoorbellWatch(paths: runtime.paths)
        if doorbell == nil {
            let doorbellPath = runtime.paths.requestDoorbell
            runtime.logger.warning(
                "the request doorbell \(doorbellPath) cannot be watched: sluice commands' requests are read every 200 ms"
            )
        }
        defer { doorbell?.close() }
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if doorbell != nil {
                await doorbell!.wait(atMost: Self.doorbellFallback)
            } else {
                await nap(Self.timerInterval)
            }
            applyMapRunUpdates()
            do {
                let recorded = try runtime.store.database.handoffs(after: runtime.handoffs.watermark.mark)
                runtime.handoffs.dispatch(runtime.handoffs.watermark.foreign(recorded))
            } catch {
                runtime.logger.error("cannot read the hand-offs in the store: \(error)")
            }
            await answerControlRequests()
        }
    }

    /// Answers what `sluice start-execution`, `executions stop` and `redrive` left in the store; an answer and the
    /// hand-offs it promises are recorded together, then carried out.
    private func answerControlRequests() async {
        let handler = runtime.controlRequests
        let callbacks = TaskCallbackRequests(
            callbacks: runtime.callbacks,
            persisted: runtime.store,
            journal: runtime.journal
        )
        let requests: [ControlRequest]
        do {
            requests = try runtime.store.database.takeControlRequests()
        } catch {
            runtime.logger.error("cannot read control requests from the store: \(error)")
            return
        }
        for request in requests {
            let (answer, handoffs) =
                TaskCallbackRequests.kinds.contains(request.kind)
                ? (await callbacks.answer(request), []) : handler.answer(request)
            runtime.logger.info("\(request.kind): \(answer.serialized())")
            do {
                let stored = try runtime.store.database.answerControl(
                    request.id,
                    answer: answer.serialized(),
                    handoffs: handoffs
                )
                FaultPoint.controlAfterCommit.reach()
                runtime.handoffs.dispatch(stored)
            } catch {
                runtime.logger.error("cannot answer \(request.kind): \(error)")
            }
        }
    }

    /// Takes the waiting UpdateMapRun requests and hands each to the execution running its map run.
    private func applyMapRunUpdates() {
        let updates: [MapRunUpdate]
        do {
            updates = try runtime.store.database.takeMapRunUpdates()
        } catch {
            runtime.logger.error("cannot read map run updates from the store: \(error)")
            return
        }
        for update in updates {
            let metadata: Logger.Metadata = ["sluice.map.run": .string(update.mapRunArn)]
            let name = LogNames.mapRun(update.mapRunArn)
            guard let run = try? runtime.store.database.mapRun(update.mapRunArn),
                runtime.controls.send(
                    .mapRunUpdated(
                        mapRunArn: update.mapRunArn,
                        maxConcurrency: update.maxConcurrency,
                        toleratedFailureCount: update.toleratedFailureCount,
                        toleratedFailurePercentage: update.toleratedFailurePercentage
                    ),
                    to: run.executionArn
                )
            else {
                runtime.logger.warning(
                    "map run \(name): update ignored: the map run is not running here",
                    metadata: metadata
                )
                continue
            }
            let changes = [
                update.maxConcurrency.map { "MaxConcurrency \($0)" },
                update.toleratedFailureCount.map { "ToleratedFailureCount \($0)" },
                update.toleratedFailurePercentage.map { "ToleratedFailurePercentage \($0)" },
            ].compactMap { $0 }
            runtime.logger.info("map run \(name) updated: \(changes.joined(separator: ", "))", metadata: metadata)
        }
    }
}
