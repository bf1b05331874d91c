import Logging
import ServiceLifecycle
import SluiceEngine
import SluiceStore
import SluiceTopics

/// Topic messages to their subscribers: a rule target's message is published (idempotent by its MessageId), a
/// stored message read back, and delivered; then its hand-off goes. Deliveries a previous sluiced had not finished
/// go first, with the same MessageIds. Graceful shutdown takes no new messages; those under way finish.
struct DeliveriesService: Service {
    let runtime: DaemonRuntime

    /// Deliveries carried out at once. Many, since one waiting out its subscription's retry back-off holds its place;
    /// bounded, since each is a task of its own.
    static let maxInFlight = 1_000

    func run() async throws {
        let runtime = runtime
        await withGracefulShutdownHandler {
            // At most `maxInFlight` at once: a task for each delivery of a burst (100,000 executions publishing)
            // took sluiced past 900 MiB; waiting in the stream, they cost a few hundred bytes each.
            await BoundedWork.forEach(
                runtime.handoffs.deliveries,
                limit: Self.maxInFlight,
                alongside: {
                    let outcomes = await runtime.delivery.resumePending()
                    for outcome in outcomes {
                        runtime.counters.delivery(deadLettered: outcome.status == .deadLettered)
                    }
                    runtime.telemetry.deliveryFinished(
                        outcomes: outcomes.map { $0.status == .deadLettered },
                        wasQueued: false
                    )
                }
            ) { job in
                await carryOut(job)
            }
        } onGracefulShutdown: {
            runtime.handoffs.finishDeliveries()
        }
    }

    private func carryOut(_ job: DeliveryJob) async {
        if let message = message(of: job) {
            runtime.telemetry.deliveryQueued()
            let outcomes = await runtime.delivery.deliver(message)
            for outcome in outcomes {
                runtime.counters.delivery(deadLettered: outcome.status == .deadLettered)
            }
            runtime.telemetry.deliveryFinished(outcomes: outcomes.map { $0.status == .deadLettered }, wasQueued: true)
        }
        guard let id = job.handoff.id else { return }
        do {
            try runtime.store.database.completeHandoff(id)
        } catch {
            runtime.logger.error(
                "cannot record hand-off \(job.handoff.subject) as done (it runs again, harmlessly): \(error)"
            )
        }
    }

    /// The message to deliver: published now for a rule target, or the one stored before.
    private func message(of job: DeliveryJob) -> TopicMessage? {
        switch job.body {
        case .publish(let topic, let text, let messageId, let rule):
            do {
                let message = try runtime.topics.publish(topic: topic, message: text, messageId: messageId)
                runtime.counters.published()
                FaultPoint.publishAfterStore.reach()
                return message
            } catch {
                runtime.logger.error("rule \(rule): cannot publish to \(topic): \(error)")
                return nil
            }
        case .deliver(let topic, let messageId, let file):
            guard let message = runtime.topics.message(topic: topic, file: file) else {
                runtime.logger.error(
                    "message \(messageId) of topic \(topic) cannot be read from \(file): not delivered"
                )
                return nil
            }
            return message
        case .startExecution:
            return nil
        }
    }
}
