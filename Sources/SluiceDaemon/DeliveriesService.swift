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

    func run() async throws {
        let runtime = runtime
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { deliveries in
                deliveries.addTask {
                    let outcomes = await runtime.delivery.resumePending()
                    for outcome in outcomes {
                        runtime.counters.delivery(deadLettered: outcome.status == .deadLettered)
                    }
                    runtime.telemetry.deliveryFinished(
                        outcomes: outcomes.map { $0.status == .deadLettered },
                        wasQueued: false
                    )
                }
                for await job in runtime.handoffs.deliveries {
                    deliveries.addTask { await carryOut(job) }
                }
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
