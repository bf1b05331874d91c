/// What became of a message for one subscription of its topic.
package struct DeliveryOutcome: Sendable, Hashable {
    /// The ways a delivery can end (for now).
    package enum Status: String, Sendable, Hashable {
        /// The subscriber exited 0.
        case delivered = "DELIVERED"
        /// Every attempt failed; the message and the reason are in the topic's dead-letter folder.
        case deadLettered = "DEAD_LETTERED"
        /// The subscription's filter policy does not match the message; SNS skips such subscriptions silently.
        case filteredOut = "FILTERED_OUT"
        /// The delivery had already finished (delivered or dead-lettered) before this call.
        case alreadyFinished = "ALREADY_FINISHED"
        /// Another call is delivering this message to this subscription right now.
        case inProgress = "IN_PROGRESS"
        /// Cancelled (sluice is stopping) before it finished; it stays pending and resumes later.
        case interrupted = "INTERRUPTED"
    }

    package var subscription: String
    package var messageId: String
    package var status: Status
    /// Attempts made so far (0 when nothing ran).
    package var attempts: Int
    /// Why the last attempt failed, when one did.
    package var lastFailure: String?
    /// The dead-letter file, for `deadLettered`.
    package var deadLetterFile: String?

    package init(
        subscription: String,
        messageId: String,
        status: Status,
        attempts: Int = 0,
        lastFailure: String? = nil,
        deadLetterFile: String? = nil
    ) {
        self.subscription = subscription
        self.messageId = messageId
        self.status = status
        self.attempts = attempts
        self.lastFailure = lastFailure
        self.deadLetterFile = deadLetterFile
    }
}
