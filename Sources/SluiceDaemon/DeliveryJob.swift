import SluiceEngine
import SluiceStore

/// A message to publish or deliver, and the hand-off to let go once it is done (without an id: it could not be
/// recorded).
struct DeliveryJob: Sendable {
    var handoff: Handoff
    var body: HandoffBody
}
