/// One step that must follow from something already recorded, kept in the store's outbox until it is done: an
/// execution to start for a rule target, a message to publish for one, a stored message to deliver.
///
/// It is written in the same transaction as what it follows from (an object marked reported, an execution started
/// or ended), so a crash between the two loses neither; it is removed in the transaction that does what it asks
/// (an execution's start) or once that is done (a delivery), so a restarted sluiced carries on every one left.
/// `subject` names what it makes (the execution's ARN, the MessageId): a second hand-off of the same kind and
/// subject is the same one and is not stored twice.
package struct Handoff: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case startExecution = "StartExecution"
        case publish = "Publish"
        case deliver = "Deliver"
    }

    /// The outbox row; nil until stored.
    package var id: Int64?
    package var kind: Kind
    package var subject: String
    /// What the step needs, as JSON text (its shape belongs to the kind).
    package var body: String
    /// Tries that failed so far (a target's RetryPolicy counts them).
    package var attempts: Int
    /// Not to be tried before this time (milliseconds since 1970); 0 is at once.
    package var dueMillis: Int64
    /// When it was first recorded (a RetryPolicy's MaximumEventAgeInSeconds counts from here).
    package var createdMillis: Int64

    package init(
        id: Int64? = nil,
        kind: Kind,
        subject: String,
        body: String,
        attempts: Int = 0,
        dueMillis: Int64 = 0,
        createdMillis: Int64
    ) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.body = body
        self.attempts = attempts
        self.dueMillis = dueMillis
        self.createdMillis = createdMillis
    }
}
