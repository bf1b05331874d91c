import Logging
import SluiceEngine
import SluiceStore
import SluiceTopics

extension DaemonRuntime {
    /// A message just stored in its topic (by an sns:publish task or the API's Publish): its delivery is recorded
    /// before anything answers for it, so a restart delivers it; then it is handed to the deliveries service.
    /// `afterCommit` runs once the record is in the store (a fault point of the caller's).
    func recordDelivery(of message: TopicMessage, afterCommit: () -> Void = {}) {
        counters.published()
        let body = HandoffBody.deliver(topic: message.topic, messageId: message.messageId, file: message.fileName)
        let handoff = handoffs.handoff(body)
        do {
            let stored = try store.database.handOff([handoff])
            afterCommit()
            handoffs.dispatch(stored)
        } catch {
            logger.error("cannot record the delivery of message \(message.messageId): \(error)")
            handoffs.deliverUnrecorded(DeliveryJob(handoff: handoff, body: body))
        }
    }
}
